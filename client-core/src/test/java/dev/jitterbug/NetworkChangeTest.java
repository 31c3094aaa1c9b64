package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.NetworkChange;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.ScriptedNetworkMonitor;
import dev.jitterbug.testing.TestClients;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The machine moves to another network (or wakes from sleep) while a session is live, against a real Prosody: the
 * old path goes silent without a word (the proxy stalls every open connection; new ones pass), the monitor reports
 * it, the client probes at once instead of at its next ping (here 10 minutes away), finds the link dead and resumes
 * the session on a new connection: nothing lost, nothing twice, no new login.
 */
class NetworkChangeTest {
    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private TestClients clients;

    @BeforeEach
    void setUp() {
        clients = new TestClients(prosody.server());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @ParameterizedTest
    @EnumSource(value = NetworkChange.Kind.class, names = {"CHANGED", "WOKE"})
    void theLinkIsProbedAtOnceAndTheSessionResumedOnANewConnection(NetworkChange.Kind what) {
        ProsodyServer server = prosody.server();
        LoopbackProxy path = clients.proxy();
        ScriptedNetworkMonitor network = new ScriptedNetworkMonitor();
        // Probes 10 minutes apart and a 30 s server-failure spread: only the network report can find the dead link
        // within the test, and only a resume first (not a spread login) brings the session back quickly.
        RetryConfig config = QuickRetry.builder().pingIntervalMillis(600_000).serverFailureSpreadMillis(30_000)
                .blipRetryWindowMillis(1_000).build();
        RecordingListener aliceEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        JitterbugClient alice = clients.online(clients.options("alice", path.via(server.webSocketUri()))
                .retryConfig(config).networkMonitor(network).build(), aliceEvents);
        JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).build(), bobEvents);
        assertThat(network.listeners()).as("the client listens to the monitor").isEqualTo(1);
        Jid aliceJid = Jid.parse(server.jid("alice"));
        Jid bobJid = Jid.parse(server.jid("bob"));

        int stalled = path.stallOpenConnections();
        assertThat(stalled).as("alice's connection went silent").isGreaterThanOrEqualTo(1);
        bob.sendMessage(aliceJid, "sent while alice's old path is silent");
        alice.sendMessage(bobJid, "written by alice on the silent path");
        long reportedAt = System.nanoTime();
        network.report(what, "test: " + what);

        aliceEvents.awaitNth(ConnectionState.RESUMED, 1);
        long resumedAfterMillis = (System.nanoTime() - reportedAt) / 1_000_000;
        System.out.println(what + ": session resumed " + resumedAfterMillis + " ms after the report");
        ConnectionEvent lost = aliceEvents.events(ConnectionState.DISCONNECTED).get(0);
        assertThat(lost.failure().kind()).as("found by the probe after the report, not by the 10-minute ping")
                .isEqualTo(Failure.Kind.NETWORK_CHANGED);
        assertThat(lost.failure().message()).contains("test: " + what);
        List<ConnectionEvent> waits = aliceEvents.events(ConnectionState.WAITING);
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0).detail()).contains("resuming first");
        assertThat(aliceEvents.count(ConnectionState.CONNECTING)).as("one attempt: the resume").isEqualTo(2);
        assertThat(aliceEvents.count(ConnectionState.CONNECTED)).as("no new login").isEqualTo(1);

        aliceEvents.awaitMessage("sent while alice's old path is silent");
        bobEvents.awaitMessage("written by alice on the silent path");
        // Markers: each direction is in order, so a duplicate would have arrived before its marker.
        bob.sendMessage(aliceJid, "marker to alice");
        alice.sendMessage(bobJid, "marker to bob");
        aliceEvents.awaitMessage("marker to alice");
        bobEvents.awaitMessage("marker to bob");
        assertThat(aliceEvents.bodies()).containsOnlyOnce("sent while alice's old path is silent");
        assertThat(bobEvents.bodies()).containsOnlyOnce("written by alice on the silent path");
    }
}
