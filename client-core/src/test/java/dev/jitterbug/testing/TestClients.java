package dev.jitterbug.testing;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Builds clients against a test Prosody and closes them after the test. */
public final class TestClients implements AutoCloseable {
    private final ProsodyServer server;
    private final List<JitterbugClient> clients = new ArrayList<>();

    public TestClients(ProsodyServer server) {
        this.server = server;
    }

    public ClientOptions.Builder options(String user, URI endpoint) {
        return ClientOptions.builder(Jid.parse(server.jid(user)), server.password(user).toCharArray())
                .endpoint(endpoint);
    }

    public JitterbugClient start(ClientOptions options, RecordingListener listener) {
        JitterbugClient client = JitterbugClient.create(options);
        clients.add(client);
        client.addListener(listener);
        client.connect();
        return client;
    }

    /** Starts a client and waits until it is online. */
    public JitterbugClient online(ClientOptions options, RecordingListener listener) {
        JitterbugClient client = start(options, listener);
        awaitOnline(client, listener);
        return client;
    }

    public static void awaitOnline(JitterbugClient client, RecordingListener listener) {
        try {
            Awaitility.await("online").atMost(Duration.ofSeconds(20)).until(
                    () -> client.state() == ConnectionState.CONNECTED || client.state() == ConnectionState.RESUMED);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(client.jid() + " did not come online; events: " + listener.events, e);
        }
    }

    @Override
    public void close() {
        clients.forEach(JitterbugClient::close);
    }
}
