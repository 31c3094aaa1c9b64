package dev.jitterbug.fx.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's few app settings (the dark theme for now) in {@code settings.properties} under the data folder. Read
 * and written on the background executor; the FX thread only sees the property change.
 */
final class AppSettings {
    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);
    private static final String DARK_THEME = "theme.dark";

    private final Path file;
    private final Executor background;
    private final Executor fxThread;

    AppSettings(Path file, Executor background, Executor fxThread) {
        this.file = file;
        this.background = background;
        this.fxThread = fxThread;
    }

    /** Loads the saved value into {@code darkTheme}, then saves every change the user makes. */
    void bindDarkTheme(BooleanProperty darkTheme) {
        background.execute(() -> {
            boolean dark = Boolean.parseBoolean(load().getProperty(DARK_THEME, "false"));
            fxThread.execute(() -> {
                darkTheme.set(dark);
                darkTheme.addListener((obs, old, now) -> background.execute(() -> save(DARK_THEME, now.toString())));
            });
        });
    }

    private Properties load() {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                LOG.warn("Could not read the settings from {}; using defaults", file, e);
            }
        }
        return properties;
    }

    private synchronized void save(String key, String value) {
        Properties properties = load();
        properties.setProperty(key, value);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "Jitterbug settings");
            }
        } catch (IOException e) {
            LOG.warn("Could not save the settings to {}", file, e);
        }
    }
}
