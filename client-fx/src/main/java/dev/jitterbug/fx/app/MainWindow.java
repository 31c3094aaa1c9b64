package dev.jitterbug.fx.app;

import dev.jitterbug.fx.chat.ChatView;
import dev.jitterbug.fx.login.LoginView;
import java.util.concurrent.Executor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;

/** Builds the main window's scene: the login form until signed in, then the chat. */
public final class MainWindow {
    private MainWindow() {
    }

    public static Scene createScene(ShellModel shell) {
        StackPane root = new StackPane();
        root.setId("root");
        Node login = new LoginView(shell.login());
        root.getChildren().setAll(login);
        shell.screenProperty().addListener((obs, old, now) -> root.getChildren().setAll(
                now == ShellModel.Screen.CHAT
                        ? new ChatView(shell.chat(), shell.status(), shell::defaultNick)
                        : login));
        Scene scene = new Scene(root, 960, 640);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/jitterbug/fx/jitterbug.css").toExternalForm());
        return scene;
    }

    /** The main window with no account and no network, for {@code --self-test}. */
    static Scene createSelfTestScene() {
        Executor inline = Runnable::run;
        ClientGateway offline = new ClientGateway(inline, inline, options -> {
            throw new IllegalStateException("self-test does not connect");
        });
        return createScene(new ShellModel(offline, request -> {
            throw new IllegalStateException("self-test does not sign in");
        }));
    }
}
