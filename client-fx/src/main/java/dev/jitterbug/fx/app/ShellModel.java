package dev.jitterbug.fx.app;

import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.fx.bridge.FxBridge;
import dev.jitterbug.fx.chat.ChatViewModel;
import dev.jitterbug.fx.diagnostics.DiagnosticsViewModel;
import dev.jitterbug.fx.login.LoginViewModel;
import dev.jitterbug.fx.login.PasswordMemory;
import dev.jitterbug.fx.status.StatusViewModel;
import dev.jitterbug.platform.Scheduler;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The application's top-level state: which screen shows, and the ViewModels behind each. Each ViewModel subscribes
 * to the events it handles through the bridge ({@link ClientGateway#events()}); the shell itself only switches to the
 * chat once a session is online, and signs in and out for the login form.
 */
public final class ShellModel {
    /** The screens of the main window. */
    public enum Screen { LOGIN, CHAT }

    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.LOGIN);
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    private final ClientGateway gateway;
    private final AccountOptions accountOptions;
    private final LoginViewModel login;
    private final ChatViewModel chat;
    private final StatusViewModel status;
    private final DiagnosticsViewModel diagnostics;
    /** From a sign-out to the next sign-in: a late event from the client signed out switches nothing. */
    private boolean signedOut;

    /**
     * @param timers runs the status line's timers on the FX thread (a virtual scheduler in tests)
     * @param background where disk and network work goes (the diagnostics export)
     * @param passwords "remember me" in the OS keychain
     */
    public ShellModel(ClientGateway gateway, AccountOptions accountOptions, Scheduler timers, Executor background,
            PasswordMemory passwords) {
        this.gateway = gateway;
        this.accountOptions = accountOptions;
        // A login that fails leaves the user at the form: stop trying, so they can fix it.
        this.login = new LoginViewModel(this::signIn, gateway::signOut, passwords);
        this.status = new StatusViewModel(timers, () -> gateway.retryConfig().statusQuietMillis(), gateway::retryNow,
                gateway::unencryptedToAnotherMachine);
        this.diagnostics = new DiagnosticsViewModel(gateway::retryConfig, gateway::lastSessionCost,
                gateway::endpoint, gateway::unencryptedConnectionsAllowed, background, timers::execute);
        this.chat = new ChatViewModel(new ChatViewModel.Sender() {
            @Override
            public OutgoingMessage sendMessage(Jid to, String body) {
                return gateway.sendMessage(to, body);
            }

            @Override
            public OutgoingMessage sendRoomMessage(Jid room, String body) {
                return gateway.sendRoomMessage(room, body);
            }

            @Override
            public void joinRoom(Jid room, String nick) {
                gateway.joinRoom(room, nick);
            }

            @Override
            public void leaveRoom(Jid room) {
                gateway.leaveRoom(room);
            }
        });

        FxBridge events = gateway.events();
        events.subscribe(login);
        events.subscribe(status);
        events.subscribe(diagnostics);
        events.subscribeConfig(diagnostics);
        events.subscribe(chat);
        events.subscribe(new ClientListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                if (event.state().isOnline() && !signedOut) {
                    screen.set(Screen.CHAT);
                }
            }
        });
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public LoginViewModel login() {
        return login;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public StatusViewModel status() {
        return status;
    }

    public DiagnosticsViewModel diagnostics() {
        return diagnostics;
    }

    /** The look: AtlantaFX's dark theme when true, the light one otherwise. */
    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** The signed-in account's local part, a sensible default room nickname. */
    public String defaultNick() {
        Jid account = gateway.account();
        return account == null || account.local() == null ? "me" : account.local();
    }

    /**
     * Signs out: the client disconnects and closes (in the background), and the login form shows again. The chat
     * keeps what was typed in the composer, for when this account signs in again.
     */
    public void signOut() {
        if (screen.get() != Screen.CHAT) {
            return;
        }
        signedOut = true;
        gateway.signOut();
        screen.set(Screen.LOGIN);
    }

    private void signIn(LoginViewModel.Request request) {
        signedOut = false;
        chat.accountSigningIn(request.jid);
        gateway.start(configListener -> accountOptions.create(request, configListener));
    }
}
