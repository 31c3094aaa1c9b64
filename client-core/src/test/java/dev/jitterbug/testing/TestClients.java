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
