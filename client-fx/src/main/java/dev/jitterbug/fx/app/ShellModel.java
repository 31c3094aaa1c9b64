package dev.jitterbug.fx.app;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.fx.chat.ChatViewModel;
import dev.jitterbug.fx.login.LoginViewModel;
import dev.jitterbug.fx.status.StatusViewModel;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The application's top-level state: which screen shows, and the ViewModels behind each. Receives core events
 * (already on the FX thread, via the bridge) and routes them.
 */
public final class ShellModel implements ClientListener {
    /** The screens of the main window. */
    public enum Screen { LOGIN, CHAT }

    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.LOGIN);
    private final ClientGateway gateway;
    private final Function<LoginViewModel.Request, ClientOptions> optionsFactory;
    private final LoginViewModel login;
    private final ChatViewModel chat;
    private final StatusViewModel status = new StatusViewModel();

    public ShellModel(ClientGateway gateway, Function<LoginViewModel.Request, ClientOptions> optionsFactory) {
        this.gateway = gateway;
        this.optionsFactory = optionsFactory;
        this.login = new LoginViewModel(this::signIn);
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

    /** The signed-in account's local part, a sensible default room nickname. */
    public String defaultNick() {
        Jid account = gateway.account();
        return account == null || account.local() == null ? "me" : account.local();
    }

    private void signIn(LoginViewModel.Request request) {
        gateway.start(() -> optionsFactory.apply(request), this);
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        boolean loggingIn = login.busyProperty().get();
        login.onConnectionEvent(event);
        status.onConnectionEvent(event);
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
    }
}
