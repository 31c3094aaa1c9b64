package dev.jitterbug.fx.app;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The Jitterbug mark as window icons. The PNGs come from {@code icons/png/} in the repository; the client-fx build copies
 * them next to this class (see client-fx/pom.xml), so there is one copy of each in git.
 */
public final class AppIcons {
    /** Every size {@code icons/generate.sh} renders; the window system picks the one that fits its title bar or task bar. */
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private AppIcons() {
    }

    /** Gives the stage every icon size. Call on the FX application thread. */
    public static void applyTo(Stage stage) {
        stage.getIcons().setAll(load());
    }

    static List<Image> load() {
        List<Image> images = new ArrayList<>(SIZES.length);
        for (int size : SIZES) {
            images.add(load(resourceName(size)));
        }
        return images;
    }

    static String resourceName(int size) {
        return "icons/jitterbug-" + size + ".png";
    }

    private static Image load(String name) {
        URL url = AppIcons.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("The app icon " + name + " is missing from the classpath next to "
                    + AppIcons.class.getName() + "; the client-fx Maven build copies it from icons/png/.");
        }
        Image image = new Image(url.toExternalForm());
        if (image.isError()) {
            throw new IllegalStateException("The app icon " + url + " could not be read as an image", image.getException());
        }
        return image;
    }
}
