package dev.jitterbug;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.internal.client.ClientEngine;
import dev.jitterbug.platform.ExecutorScheduler;
import java.util.List;

/**
 * The entry point a UI (desktop or Android) uses: connect, send, join rooms, and listen. A thin facade over the
 * engine in {@code dev.jitterbug.internal.client}.
 *
 * <p>Each client has one event thread; every listener call arrives on it, in order. Methods may be called from any
 * thread and never block on the network. Clients given {@link SharedResources} share a few threads instead: their
 * calls still come one at a time and in order, only not always on the same thread, and a listener must not block.
 */
public final class JitterbugClient implements AutoCloseable {
    private final ClientOptions options;
    private final ClientEngine engine;

    private JitterbugClient(ClientOptions options) {
        this.options = options;
        // What the public API does not expose (the password, shared HTTP, the tests' discovery base and DNS) goes in.
        SharedResources shared = options.sharedResources();
        String name = "jitterbug-" + options.jid();
        this.engine = new ClientEngine(options, options.password(),
                shared == null ? new ExecutorScheduler(name) : shared.schedulerFor(name),
                shared == null ? null : shared.http(), options.testOnlyDiscoveryBase(), options.testOnlyDns());
    }

    public static JitterbugClient create(ClientOptions options) {
        return new JitterbugClient(options);
    }

    public void addListener(ClientListener listener) {
        engine.addListener(listener);
    }

    public void removeListener(ClientListener listener) {
        engine.removeListener(listener);
    }

    public Jid jid() {
        return options.jid();
    }

    /** The options this client was created with (e.g. for diagnostics: whether unencrypted connections are allowed). */
    public ClientOptions options() {
        return options;
    }

    /** The full JID of the current or last session, or null before the first. */
    public Jid boundJid() {
        return engine.boundJid();
    }

    public ConnectionState state() {
        return engine.state();
    }

    /** The endpoint of the current or last attempt, with why it was chosen; null before the first. */
    public Endpoint endpoint() {
        return engine.endpoint();
    }

    /** The contact list as last known (persisted; current after each login). */
    public List<Contact> contacts() {
        return engine.contacts();
    }

    /** What acquiring the current (or last) session cost; null before the first is established. */
    public SessionCost lastSessionCost() {
        return engine.lastSessionCost();
    }

    /** Adds or renames a contact (the server pushes the change back to every session). */
    public void addContact(Jid contact, String name) {
        engine.addContact(contact, name);
    }

    /** Starts connecting (and keeps the connection up). Returns at once; watch the connection events. */
    public void connect() {
        engine.connect();
    }

    /** Skips the current reconnect wait once ("Retry now"); the attempt goes through the usual path. */
    public void retryNow() {
        engine.retryNow();
    }

    /** The OS reports the network is back: a long wait shrinks to the quick-retry window. */
    public void networkAvailable() {
        engine.networkAvailable();
    }

    /** The retry config in force for this account (read before every reconnect wait, so changes apply live). */
    public RetryConfig retryConfig() {
        return engine.retryConfig();
    }

    /** Signs out: ends the session in an orderly way. Queued messages stay in the outbox. */
    public void disconnect() {
        engine.disconnect();
    }

    /** Sends a one-to-one message; it is queued while offline and sent once, in order, when back. */
    public OutgoingMessage sendMessage(Jid to, String body) {
        return engine.send(to.bare(), body, ChatMessage.Kind.CHAT);
    }

    /** Sends a message to a room. */
    public OutgoingMessage sendRoomMessage(Jid room, String body) {
        return engine.send(room.bare(), body, ChatMessage.Kind.GROUPCHAT);
    }

    /** Joins a room (XEP-0045) now or as soon as connected, and again after every new login. */
    public void joinRoom(Jid room, String nick) {
        engine.joinRoom(room, nick);
    }

    /** Leaves a room. */
    public void leaveRoom(Jid room) {
        engine.leaveRoom(room);
    }

    /** Messages not yet confirmed by the server, oldest first (a snapshot). */
    public List<OutgoingMessage> pendingMessages() {
        return engine.pendingMessages();
    }

    @Override
    public void close() {
        engine.close();
    }
}
