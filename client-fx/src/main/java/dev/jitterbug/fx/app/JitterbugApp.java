package dev.jitterbug.fx.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: wires the shell together and shows the main window. */
public final class JitterbugApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle(AppInfo.NAME);
        stage.setScene(MainWindow.createSelfTestScene());
        stage.show();
    }
}
