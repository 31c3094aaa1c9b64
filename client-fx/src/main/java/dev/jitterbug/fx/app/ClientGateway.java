package dev.jitterbug.fx.app;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.Endpoint;
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
    private final FxBridge events;
    private volatile JitterbugClient client;

    /** @param events where every client's events (and its retry config news) cross onto the FX thread */
    public ClientGateway(Executor background, FxBridge events, Function<ClientOptions, JitterbugClient> factory) {
        this.background = background;
        this.events = events;
        this.factory = factory;
    }

    /** The clients' events on the FX thread: panels subscribe here for what they show. */
    public FxBridge events() {
        return events;
    }

    /**
     * Builds the options and the client in the background (both touch the disk), registers the bridge with it, and
     * connects. The options factory gets the bridge for the account's retry config news.
     */
    public void start(Function<RetryConfigListener, ClientOptions> optionsFactory) {
        background.execute(() -> {
            ClientOptions options = optionsFactory.apply(events);
            JitterbugClient previous = client;
            if (previous != null) {
                previous.close();
            }
            JitterbugClient created = factory.apply(options);
            created.addListener(events);
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

    /** Where the current or last attempt connects, and why; null before the first. Cheap, no I/O. */
    public Endpoint endpoint() {
        JitterbugClient current = client;
        return current == null ? null : current.endpoint();
    }

    /** Whether the signed-in account allows unencrypted connections to other machines (the insecure setting). */
    public boolean unencryptedConnectionsAllowed() {
        JitterbugClient current = client;
        return current != null && current.options().insecureUnencryptedConnectionsForThisAccount();
    }

    /** Whether the connection in use is unencrypted to another machine (possible only with the insecure setting). */
    public boolean unencryptedToAnotherMachine() {
        Endpoint current = endpoint();
        return current != null && !current.isSecure() && !current.isLoopback();
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
