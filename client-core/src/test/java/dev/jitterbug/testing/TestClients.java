package dev.jitterbug.testing;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds clients against a test server, and the proxies between them, and closes all of them after the test. The
 * sign-in steps every integration test shares: {@link #options} (the account's JID and password, an in-memory state
 * store, the {@link QuickRetry} config), {@link #start} and {@link #online}.
 */
public final class TestClients implements AutoCloseable {
    private final XmppTestServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    public TestClients(XmppTestServer server) {
        this.server = server;
    }

    /** Options for one of the server's accounts at this endpoint, with the quick retry config and a fresh store. */
    public ClientOptions.Builder options(String user, URI endpoint) {
        return ClientOptions.builder(Jid.parse(server.jid(user)), server.password(user).toCharArray())
                .endpoint(endpoint).store(new InMemoryKeyValueStore()).retryConfig(QuickRetry.CONFIG);
    }

    public JitterbugClient start(ClientOptions options, RecordingListener listener) {
        JitterbugClient client = JitterbugClient.create(options);
        toClose.add(client);
        client.addListener(listener);
        client.connect();
        return client;
    }

    /** Starts a client and waits until it is online. */
    public JitterbugClient online(ClientOptions options, RecordingListener listener) {
        JitterbugClient client = start(options, listener);
        listener.awaitOnline();
        return client;
    }

    /**
     * Waits until the server has taken the client's first presence, so a message sent to it now is delivered, not
     * only archived. Online is not enough: a message that reaches the server between bind and presence finds no
     * available resource (tests disable offline storage), and a first session does not ask the archive (seen once
     * under load: the first message of ExactlyOnceUnderFaultsTest never arrived). The server handles a stream in
     * order, so once it has acknowledged a message sent after the presence, it has taken the presence too. The
     * message goes to the client's own bare JID; Prosody does not hand it back to the resource that sent it.
     */
    public static void awaitAvailable(JitterbugClient client, RecordingListener listener) {
        client.sendMessage(client.jid().bare(), "checking that the server has taken my presence");
        listener.await(client.jid() + " available", () -> client.pendingMessages().isEmpty());
    }

    /** A new proxy in front of the server's HTTP port (WebSocket and BOSH), closed with the clients. */
    public LoopbackProxy proxy() {
        LoopbackProxy proxy = new LoopbackProxy(server.httpPort());
        toClose.add(proxy);
        return proxy;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + closeable, e);
            }
        }
    }
}
