package dev.jitterbug.fx.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.jitterbug.fx.bridge.FxBridge;
import dev.jitterbug.fx.chat.ChatView;
import dev.jitterbug.fx.diagnostics.DiagnosticsView;
import dev.jitterbug.fx.login.LoginView;
import dev.jitterbug.fx.login.PasswordMemory;
import dev.jitterbug.fx.status.StatusChip;
import dev.jitterbug.platform.Scheduler;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Builds the main window's scene: a menu, then the login form until signed in, then the chat with the status chip
 * under it. Where each piece goes is decided here; the views only fill their own area.
 */
public final class MainWindow {
    static final String STYLESHEET = "/dev/jitterbug/fx/jitterbug.css";

    private MainWindow() {
    }

    public static Scene createScene(ShellModel shell) {
        return createScene(shell, List.of());
    }

    /**
     * @param extraMenus menus after the app's own (the demo's "Simulate"); the shipped app passes none
     */
    public static Scene createScene(ShellModel shell, List<Menu> extraMenus) {
        StackPane content = new StackPane();
        content.setId("root");
        Node login = new LoginView(shell.login());
        StatusChip status = new StatusChip(shell.status());
        content.getChildren().setAll(login);
        BorderPane root = new BorderPane(content);
        shell.screenProperty().addListener((obs, old, now) -> {
            boolean chat = now == ShellModel.Screen.CHAT;
            content.getChildren().setAll(chat ? new ChatView(shell.chat(), shell::defaultNick) : login);
            root.setBottom(chat ? status : null); // the connection status is for the chat, not the login form
        });
        AboutPanel about = new AboutPanel(() -> root.setRight(null));
        Runnable toggleAbout = () -> root.setRight(root.getRight() == about ? null : about);
        MenuBar bar = menu(shell, root, toggleAbout);
        bar.getMenus().addAll(extraMenus);
        root.setTop(bar);
        Scene scene = new Scene(root, 960, 640);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> { // Esc closes an open panel, and does nothing else then
            if (event.getCode() == KeyCode.ESCAPE && root.getRight() != null) {
                root.setRight(null);
                event.consume();
            }
        });
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        applyTheme(shell.darkThemeProperty().get());
        shell.darkThemeProperty().addListener((obs, old, dark) -> applyTheme(dark));
        return scene;
    }

    /** The diagnostics pane in its own window: non-modal, so chatting goes on while it is open. */
    public static Stage openDiagnostics(ShellModel shell, Window owner) {
        shell.diagnostics().refreshSession();
        Stage stage = new Stage();
        stage.initModality(Modality.NONE);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(AppInfo.NAME + " — Diagnostics");
        Scene scene = new Scene(new DiagnosticsView(shell.diagnostics(), MainWindow::newReportFile), 760, 720);
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        AppIcons.applyTo(stage);
        stage.show();
        return stage;
    }

    private static MenuBar menu(ShellModel shell, Node anchor, Runnable toggleAbout) {
        MenuItem diagnostics = new MenuItem("Diagnostics", new FontIcon("fth-activity"));
        diagnostics.setId("open-diagnostics");
        diagnostics.setOnAction(e -> openDiagnostics(shell, anchor.getScene() == null ? null
                : anchor.getScene().getWindow()));
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("dark-theme");
        dark.selectedProperty().bindBidirectional(shell.darkThemeProperty());
        MenuBar bar = new MenuBar(AccountMenu.create(shell, toggleAbout), new Menu("View", null, diagnostics, dark));
        bar.setId("menu");
        return bar;
    }

    /** AtlantaFX's Primer theme, light or dark; our own CSS on top only adjusts. */
    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** A new file per export, next to the app's data: {@code …/jitterbug/reports/diagnostics-<time>.json}. */
    private static Path newReportFile() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return AppPaths.dataDir().resolve("reports").resolve("diagnostics-" + stamp + ".json");
    }

    /**
     * The main window with no account and no network, for {@code --self-test}.
     *
     * @param timers the status line's timers (the self-test's own, closed when it ends; nothing is ever due)
     */
    static Scene createSelfTestScene(Scheduler timers) {
        Executor inline = Runnable::run;
        ClientGateway offline = new ClientGateway(inline, new FxBridge(inline), options -> {
            throw new IllegalStateException("self-test does not connect");
        });
        return createScene(new ShellModel(offline, (request, config) -> {
            throw new IllegalStateException("self-test does not sign in");
        }, timers, inline, PasswordMemory.none("The self-test stores no passwords.")));
    }
}
