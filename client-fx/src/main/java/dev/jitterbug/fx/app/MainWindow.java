package dev.jitterbug.fx.app;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/** Builds the main window's scene. */
final class MainWindow {
    private MainWindow() {
    }

    static Scene createSelfTestScene() {
        return new Scene(new BorderPane(new Label(AppInfo.NAME)), 960, 640);
    }
}
