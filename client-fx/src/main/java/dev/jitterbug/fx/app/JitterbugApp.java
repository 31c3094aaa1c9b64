package dev.jitterbug.fx.app;

import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.TrustedCertificates;
import dev.jitterbug.fx.bridge.FxBridge;
import dev.jitterbug.fx.bridge.FxTimers;
import dev.jitterbug.fx.login.LoginViewModel;
import dev.jitterbug.fx.login.PasswordMemory;
import dev.jitterbug.platform.Scheduler;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.stage.Stage;

/**
 * The JavaFX application: wires the shell together and shows the main window. The local demo extends it (test code)
 * to trust its own certificate authority and add its "Simulate" menu; the shipped app has neither.
 */
public class JitterbugApp extends Application {
    private ExecutorService background;
    private DesktopAccountOptions accounts;
    private FxTimers timers;

    @Override
    public void start(Stage stage) {
        background = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "jitterbug-background");
            thread.setDaemon(true);
            return thread;
        });
        accounts = new DesktopAccountOptions(argument(getParameters().getRaw(), "--retry-config-url="),
                trustedCertificates(), new KeychainOnFirstUse(KeyringSecretStore::open), AppPaths::accountDir);
        timers = FxTimers.onFxThread();
        ShellModel shell = createShell(background, timers, accounts);
        // The desktop's browser starts a process: never on the FX thread.
        shell.chat().setLinkOpener(url -> background.execute(() -> getHostServices().showDocument(url)));
        new AppSettings(AppPaths.dataDir().resolve("settings.properties"), background, Platform::runLater)
                .bindDarkTheme(shell.darkThemeProperty());
        stage.setTitle(AppInfo.NAME);
        AppIcons.applyTo(stage);
        stage.setScene(MainWindow.createScene(shell, extraMenus()));
        stage.show();
        prefill(shell, getParameters().getRaw());
    }

    /**
     * The certificate authorities accounts and the retry config fetch trust. No setting for extra authorities yet:
     * the platform's only. (The demo adds its own test authority for its local https config server.)
     */
    protected TrustedCertificates trustedCertificates() {
        return TrustedCertificates.platform();
    }

    /** Menus after the app's own; none in the shipped app (the demo adds "Simulate"). */
    protected List<Menu> extraMenus() {
        return List.of();
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdownNow();
        }
        if (accounts != null) {
            accounts.close();
        }
        if (timers != null) {
            timers.close();
        }
    }

    /**
     * The shell with real clients: events marshalled onto the FX thread, disk and network work on {@code background},
     * accounts set up by {@code accountOptions} (the desktop's, or a test's with a short retry config).
     */
    public static ShellModel createShell(Executor background, Scheduler timers, AccountOptions accountOptions) {
        ClientGateway gateway = new ClientGateway(background, FxBridge.onFxThread(), JitterbugClient::create);
        PasswordMemory passwords = new PasswordMemory(KeyringSecretStore::open, background, Platform::runLater);
        return new ShellModel(gateway, accountOptions, timers, background, passwords);
    }

    private static String argument(List<String> args, String prefix) {
        for (String arg : args) {
            if (arg.startsWith(prefix) && arg.length() > prefix.length()) {
                return arg.substring(prefix.length());
            }
        }
        return null;
    }

    /**
     * {@code --account=… --password=… --server=…} fill the form and sign in, {@code --join=room@service} joins a
     * room once signed in. For the local demo and development only: a password on a command line is visible to
     * other local users.
     */
    private static void prefill(ShellModel shell, List<String> args) {
        LoginViewModel login = shell.login();
        boolean submit = false;
        for (String arg : args) {
            if (arg.startsWith("--account=")) {
                login.accountProperty().set(arg.substring("--account=".length()));
                submit = true;
            } else if (arg.startsWith("--password=")) {
                login.passwordProperty().set(arg.substring("--password=".length()));
            } else if (arg.startsWith("--server=")) {
                login.serverProperty().set(arg.substring("--server=".length()));
            } else if (arg.startsWith("--join=")) {
                Jid room = Jid.parse(arg.substring("--join=".length()));
                shell.screenProperty().addListener((obs, old, now) -> {
                    if (now == ShellModel.Screen.CHAT && shell.chat().conversations().stream()
                            .noneMatch(c -> c.jid().equals(room))) {
                        shell.chat().joinRoom(room, shell.defaultNick());
                    }
                });
            }
        }
        if (submit && !login.passwordProperty().get().isEmpty()) {
            login.submit();
        }
    }
}
