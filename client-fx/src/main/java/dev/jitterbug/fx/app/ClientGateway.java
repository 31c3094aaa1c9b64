package dev.jitterbug.fx.app;

import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.SessionCost;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.fx.bridge.FxBridge;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What the ViewModels may ask of the core, and nothing more: start a session, send, join, retry, sign out.
 * Creating a client touches the disk (its state store), so it happens on the background executor, never on the
 * FX thread; the client's own methods never block.
 */
public final class ClientGateway {
    private final Executor background;
    private final Function<ClientOptions, JitterbugClient> factory;
    private final Executor fxThread;
    private volatile JitterbugClient client;

    public ClientGateway(Executor background, Executor fxThread, Function<ClientOptions, JitterbugClient> factory) {
        this.background = background;
        this.fxThread = fxThread;
        this.factory = factory;
    }

    /**
     * Builds the options and the client in the background (both touch the disk), subscribes {@code listener}
     * through the FX bridge, and connects. The options factory gets the bridge for retry config news too.
     */
    public void start(Function<RetryConfigListener, ClientOptions> optionsFactory, ClientListener listener,
            RetryConfigListener configListener) {
        FxBridge bridge = new FxBridge(listener, configListener, fxThread);
        background.execute(() -> {
            ClientOptions options = optionsFactory.apply(bridge);
            JitterbugClient previous = client;
            if (previous != null) {
                previous.close();
            }
            JitterbugClient created = factory.apply(options);
            created.addListener(bridge);
            client = created;
            created.connect();
        });
    }

    public OutgoingMessage sendMessage(Jid to, String body) {
        return requireClient().sendMessage(to, body);
    }

    public OutgoingMessage sendRoomMessage(Jid room, String body) {
        return requireClient().sendRoomMessage(room, body);
    }

    public void joinRoom(Jid room, String nick) {
        requireClient().joinRoom(room, nick);
    }

    /** "Retry now": skips the current reconnect wait. */
    public void retryNow() {
        JitterbugClient current = client;
        if (current != null) {
            current.retryNow();
        }
    }

    /** The retry config the client uses now (the defaults before sign-in). Cheap, no I/O. */
    public RetryConfig retryConfig() {
        JitterbugClient current = client;
        return current == null ? RetryConfig.defaults() : current.retryConfig();
    }

    /**
     * What the last session acquisition cost, or null before the first; its archive and roster parts are -1 until
     * the catch-up after a new login is done. Reads counters only.
     */
    public SessionCost lastSessionCost() {
        JitterbugClient current = client;
        return current == null ? null : current.lastSessionCost();
    }

    public void leaveRoom(Jid room) {
        requireClient().leaveRoom(room);
    }

    public Jid account() {
        JitterbugClient current = client;
        return current == null ? null : current.jid();
    }

    public void signOut() {
        JitterbugClient current = client;
        client = null;
        if (current != null) {
            background.execute(current::close);
        }
    }

    private JitterbugClient requireClient() {
        JitterbugClient current = client;
        if (current == null) {
            throw new IllegalStateException("Not signed in");
        }
        return current;
    }
}
