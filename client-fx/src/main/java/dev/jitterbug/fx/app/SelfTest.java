package dev.jitterbug.fx.app;

import dev.jitterbug.fx.bridge.FxTimers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

/**
 * {@code --self-test}: starts the toolkit, builds the main window's scene off-screen, renders it once and reports.
 * It touches no network and no user data, so an installer smoke test can run it anywhere.
 */
final class SelfTest {
    private SelfTest() {
    }

    static int run() {
        CompletableFuture<String> result = new CompletableFuture<>();
        FxTimers timers = FxTimers.onFxThread();
        try {
            Platform.startup(() -> {
                try {
                    Scene scene = MainWindow.createSelfTestScene(timers);
                    WritableImage image = scene.snapshot(null);
                    result.complete("rendered " + (int) image.getWidth() + "x" + (int) image.getHeight());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            String rendered = result.get(60, TimeUnit.SECONDS);
            System.out.println("Jitterbug " + AppInfo.version() + " self-test OK: main window " + rendered);
            return 0;
        } catch (Exception e) {
            System.err.println("Jitterbug self-test FAILED: " + e);
            return 1;
        } finally {
            timers.close();
            Platform.exit();
        }
    }
}
