package dev.jitterbug.fx.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class AppIconsTest {
    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeStages() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    @Test
    void givesTheWindowTheMarkInEverySizeFromTheClasspath() throws TimeoutException {
        Stage stage = FxToolkit.setupStage(AppIcons::applyTo);

        List<String> sizes = new ArrayList<>();
        for (Image icon : stage.getIcons()) {
            assertThat(icon.isError()).isFalse();
            sizes.add((int) icon.getWidth() + "x" + (int) icon.getHeight());
        }
        assertThat(sizes).containsExactly("16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512");
    }

    @Test
    void replacesIconsRatherThanAddingDuplicates() throws TimeoutException {
        Stage stage = FxToolkit.setupStage(AppIcons::applyTo);
        FxToolkit.setupStage(AppIcons::applyTo);

        assertThat(stage.getIcons()).hasSize(AppIcons.SIZES.length);
    }
}
