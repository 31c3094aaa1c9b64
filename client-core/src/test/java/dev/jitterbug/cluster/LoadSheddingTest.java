package dev.jitterbug.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.SharedResources;
import dev.jitterbug.TransportKind;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.HaproxyBalancer;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestCertificates;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Load shedding the client understands: HAProxy lets at most {@value #PER_SECOND} new sessions a second through to the
 * node and answers the rest with 503 and {@code Retry-After: 1}, which costs the node nothing. {@value #CLIENTS}
 * clients start at once (a quarter over BOSH). Every refused client waits at least what it was asked before trying
 * again, and everyone is online in the end: nobody stranded.
 */
class LoadSheddingTest {
    static final int CLIENTS = 30;
    static final int PER_SECOND = 5;
    static final int RETRY_AFTER_SECONDS = 1;

    @Test
    void refusedClientsWaitWhatTheyWereToldAndEveryoneGetsIn() {
        List<JitterbugClient> clients = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        try (ProsodyServer node = ProsodyServer.create();
                HaproxyBalancer balancer = HaproxyBalancer.builder().node("p1", startWithAccounts(node).httpPort())
                        .shedNewSessionsBeyond(PER_SECOND, RETRY_AFTER_SECONDS).start();
                SharedResources shared = SharedResources.forSessions(CLIENTS)) {
            for (int i = 0; i < CLIENTS; i++) {
                TransportKind transport = i % 4 == 3 ? TransportKind.BOSH : TransportKind.WEBSOCKET;
                ClientOptions options = ClientOptions.builder(Jid.parse("u" + i + "@localhost"), "pw".toCharArray())
                        .endpoint(transport == TransportKind.BOSH ? balancer.boshUri() : balancer.webSocketUri())
                        .transport(transport).store(new InMemoryKeyValueStore()).retryConfig(QuickRetry.CONFIG)
                        .trustedCertificates(TestCertificates.TRUSTING_AUTHORITY).sharedResources(shared).build();
                RecordingListener listener = new RecordingListener();
                JitterbugClient client = JitterbugClient.create(options);
                client.addListener(listener);
                clients.add(client);
                listeners.add(listener);
            }
            clients.forEach(JitterbugClient::connect);
            listeners.forEach(RecordingListener::awaitOnline);

            int refusals = 0;
            for (RecordingListener listener : listeners) {
                List<ConnectionEvent> events = listener.events;
                for (int i = 0; i < events.size(); i++) {
                    ConnectionEvent e = events.get(i);
                    if (e.state() == ConnectionState.DISCONNECTED && e.failure() != null
                            && e.failure().httpStatus() == 503) {
                        refusals++;
                        assertEquals(RETRY_AFTER_SECONDS * 1000L, e.failure().retryAfterMillis(), "read from the 503");
                        ConnectionEvent next = events.get(i + 1);
                        assertEquals(ConnectionState.WAITING, next.state(), "a refusal is followed by a wait");
                        assertTrue(next.delayMillis() >= RETRY_AFTER_SECONDS * 1000L,
                                "waited at least what the balancer asked: " + next);
                    }
                }
            }
            List<String> log = balancer.requestLog();
            long shed = log.stream().filter(l -> l.contains(" 503 ") && l.endsWith("new=1")).count();
            long webSocketSessions = log.stream().filter(l -> !l.contains("<NOSRV>") && l.endsWith("new=1")
                    && l.contains(" GET /xmpp-websocket ")).count();
            int busiest = busiestSecond(log);
            System.out.printf("load shedding: %d clients, %d refused with 503 (%d seen by clients); new sessions at"
                    + " the node: busiest second %d, limit %d/s%n", CLIENTS, shed, refusals, busiest, PER_SECOND);
            assertTrue(shed > 0, "the balancer shed load (else this test showed nothing)");
            assertEquals(shed, refusals, "every 503 the balancer sent was seen, and obeyed, by a client");
            assertEquals(CLIENTS - CLIENTS / 4, webSocketSessions,
                    "every WebSocket client got in with one session: nobody stranded, no extra login");
            // HAProxy's rate is a frequency counter: this period's count plus the previous period's, weighted by
            // what is left of it. So any true sliding second can see up to twice the limit, never more.
            assertTrue(busiest <= 2 * PER_SECOND, "the node saw at most what shedding lets through: " + busiest);
        } finally {
            clients.forEach(JitterbugClient::close);
        }
    }

    private static ProsodyServer startWithAccounts(ProsodyServer node) {
        for (int i = 0; i < CLIENTS; i++) {
            node.account("u" + i, "pw");
        }
        return node.start();
    }

    /** The most new sessions the node got within any 1 s, by HAProxy's own clock. */
    static int busiestSecond(List<String> log) {
        List<Double> times = new ArrayList<>();
        for (String line : log) {
            if (!line.contains("<NOSRV>") && line.endsWith("new=1")) {
                times.add(Double.parseDouble(line.substring(0, line.indexOf(' '))));
            }
        }
        times.sort(null);
        int busiest = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (times.get(i) - times.get(j) >= 1.0) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }
        return busiest;
    }
}
