package dev.jitterbug.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.TransportKind;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.HaproxyBalancer;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestCertificates;
import dev.jitterbug.testing.TestClients;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two independent Prosody nodes (no cluster: a session lives on one node only) behind HAProxy with TLS, round robin,
 * sticking on the {@code route} parameter the client adds with {@code resumption.stickyRoute}. Round robin sends each
 * new connection to the other node, so without stickiness every resume after a dropped link would meet the wrong node
 * and fail, and a BOSH session would break at its second request. With it: a dropped link resumes through the
 * balancer, again and again; a node kill falls back to a full login on the other node.
 */
class StickyRoutingTest {
    static final int DROPS = 4;
    static final RetryConfig STICKY = QuickRetry.builder().stickyRoute(true).build();

    ProsodyServer p1;
    ProsodyServer p2;
    HaproxyBalancer balancer;
    LoopbackProxy link;

    @BeforeEach
    void twoNodesBehindTheBalancer() {
        p1 = ProsodyServer.create().account("alice", "alice-pw").start();
        p2 = ProsodyServer.create().account("alice", "alice-pw").start();
        balancer = HaproxyBalancer.builder().roundRobin().stickOnUrlParameter("route")
                .node("p1", p1.httpPort()).node("p2", p2.httpPort()).start();
        link = new LoopbackProxy(balancer.webSocketUri().getPort());
    }

    @AfterEach
    void stop() {
        link.close();
        balancer.close();
        p1.close();
        p2.close();
    }

    private JitterbugClient alice(URI endpoint, TransportKind transport, RecordingListener listener) {
        ClientOptions options = ClientOptions.builder(Jid.parse("alice@localhost"), "alice-pw".toCharArray())
                .endpoint(link.via(endpoint)).transport(transport).resource("desk")
                .store(new InMemoryKeyValueStore()).retryConfig(STICKY)
                .trustedCertificates(TestCertificates.TRUSTING_AUTHORITY).build();
        JitterbugClient client = JitterbugClient.create(options);
        client.addListener(listener);
        client.connect();
        return client;
    }

    @Test
    void aDroppedLinkResumesThroughTheBalancerAndANodeKillLogsInOnTheOtherNode() {
        RecordingListener listener = new RecordingListener();
        try (JitterbugClient client = alice(balancer.webSocketUri(), TransportKind.WEBSOCKET, listener)) {
            listener.awaitOnline();
            TestClients.awaitAvailable(client, listener);
            for (int drop = 1; drop <= DROPS; drop++) {
                int before = listener.sessions();
                link.dropLink(listener);
                listener.awaitSessionAfter(before);
                TestClients.awaitAvailable(client, listener);
            }
            assertEquals(DROPS, listener.count(ConnectionState.RESUMED),
                    "every dropped link was resumed on the node that holds the session: " + listener.events);
            assertEquals(1, listener.count(ConnectionState.CONNECTED), "one full login, the first");

            String home = balancer.lastNodeOfNewSessions();
            int before = listener.sessions();
            (home.equals("p1") ? p1 : p2).kill();
            listener.awaitSessionAfter(before);
            TestClients.awaitAvailable(client, listener);
            assertEquals(2, listener.count(ConnectionState.CONNECTED),
                    "a node kill ends in a full login: the session died with its node");
            assertNotEquals(home, balancer.lastNodeOfNewSessions(), "and the login went to the other node");
        }
    }

    @Test
    void aBoshSessionStaysOnItsNode() {
        RecordingListener listener = new RecordingListener();
        try (JitterbugClient client = alice(balancer.boshUri(), TransportKind.BOSH, listener)) {
            listener.awaitOnline();
            for (int i = 0; i < 5; i++) {
                TestClients.awaitAvailable(client, listener);
            }
            assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED),
                    listener.states(), "one session, never lost, although round robin alternates the nodes");
        }
    }
}
