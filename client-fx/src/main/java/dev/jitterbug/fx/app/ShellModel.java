package dev.jitterbug.fx.app;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Contact;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.config.RetryConfigStatus;
import dev.jitterbug.fx.chat.ChatViewModel;
import dev.jitterbug.fx.diagnostics.DiagnosticsViewModel;
import dev.jitterbug.fx.login.LoginViewModel;
import dev.jitterbug.fx.login.PasswordMemory;
import dev.jitterbug.fx.status.StatusViewModel;
import dev.jitterbug.platform.Scheduler;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The application's top-level state: which screen shows, and the ViewModels behind each. Receives core events
 * (already on the FX thread, via the bridge) and routes them.
 */
public final class ShellModel implements ClientListener, RetryConfigListener {
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

    /**
     * @param timers runs the status line's timers on the FX thread (a virtual scheduler in tests)
     * @param background where disk and network work goes (the diagnostics export)
     * @param passwords "remember me" in the OS keychain
     */
    public ShellModel(ClientGateway gateway, AccountOptions accountOptions, Scheduler timers, Executor background,
            PasswordMemory passwords) {
        this.gateway = gateway;
        this.accountOptions = accountOptions;
        this.login = new LoginViewModel(this::signIn, passwords);
        this.status = new StatusViewModel(timers, () -> gateway.retryConfig().statusQuietMillis(), gateway::retryNow);
        this.diagnostics = new DiagnosticsViewModel(gateway::retryConfig, gateway::lastSessionCost, background,
                timers::execute);
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

    private void signIn(LoginViewModel.Request request) {
        gateway.start(configListener -> accountOptions.create(request, configListener), this, this);
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        boolean loggingIn = login.busyProperty().get();
        login.onConnectionEvent(event);
        status.onConnectionEvent(event);
        diagnostics.onConnectionEvent(event);
        if (event.state().isOnline()) {
            screen.set(Screen.CHAT);
        } else if (loggingIn && !login.busyProperty().get() && screen.get() == Screen.LOGIN
                && (event.state() == ConnectionState.DISCONNECTED || event.state() == ConnectionState.STOPPED)) {
            // The first login failed: the user is still at the form, so stop trying and let them fix it.
            gateway.signOut();
        }
    }

    @Override
    public void onMessage(ChatMessage message) {
        chat.onMessage(message);
    }

    @Override
    public void onDelivery(OutgoingMessage message) {
        chat.onDelivery(message);
        status.onDelivery(message);
        diagnostics.refreshSession();
    }

    @Override
    public void onRoomJoined(Jid room, String nick) {
        chat.showRoom(room);
    }

    @Override
    public void onRoster(List<Contact> contacts) {
        chat.showContacts(contacts);
        diagnostics.refreshSession();
    }

    @Override
    public void retryConfigChanged(RetryConfigStatus configStatus) {
        diagnostics.retryConfigChanged(configStatus);
    }

    @Override
    public void retryConfigStatusChanged(RetryConfigStatus configStatus) {
        diagnostics.retryConfigStatusChanged(configStatus);
    }
}
