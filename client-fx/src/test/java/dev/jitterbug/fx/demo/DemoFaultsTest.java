package dev.jitterbug.fx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.JitterbugClient;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each of the Simulate menu's faults bites, against a real Prosody behind the demo's proxy: the client through the
 * proxy notices and comes back on its own. (The 20 s outage, through the UI, is in {@code SimulateMenuUiTest}.)
 */
class DemoFaultsTest {
    private static final DemoFaults.Timings SHORT = new DemoFaults.Timings(Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(700), 3, 300);

    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest().account("alice", "alice-secret");

    private TestClients clients;
    private LoopbackProxy proxy;
    private DemoFaults faults;
    private RecordingListener alice;
    private JitterbugClient client;

    @BeforeEach
    void aliceThroughTheProxy() {
        ProsodyServer server = prosody.server();
        clients = new TestClients(server);
        proxy = clients.proxy();
        faults = new DemoFaults(proxy, server, SHORT);
        alice = new RecordingListener();
        client = clients.online(clients.options("alice", proxy.via(server.webSocketUri())).build(), alice);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void aBlipAndALinkDropResetTheLinkAndTheClientComesBack() throws InterruptedException {
        int sessions = alice.sessions();
        faults.run(Simulation.BLIP);
        assertThat(proxy.connectionsReset()).as("alice's link was reset").isPositive();
        alice.awaitSessionAfter(sessions);

        sessions = alice.sessions();
        int resets = proxy.connectionsReset();
        faults.run(Simulation.LINK_DROP);
        assertThat(proxy.connectionsReset()).isGreaterThan(resets);
        alice.awaitSessionAfter(sessions);
    }

    @Test
    void aFlappingLinkDropsTheLinkAndTheClientComesBack() throws InterruptedException {
        faults.run(Simulation.FLAPPING);
        assertThat(proxy.connectionsReset()).as("at least the first flap resets alice's link (the later ones too "
                + "when she got back in between)").isPositive();
        alice.awaitOnline();
    }

    @Test
    void theServerIsKilledAndStartedAgain() throws InterruptedException {
        int sessions = alice.sessions();
        faults.run(Simulation.SERVER_RESTART);
        assertThat(prosody.server().isRunning()).isTrue();
        alice.awaitSessionAfter(sessions);
        assertThat(alice.events).anyMatch(event -> event.failure() != null);
    }

    @Test
    void theSlowLinkDelaysTrafficUntilSwitchedOff() {
        faults.slowLink(true);
        client.sendMessage(client.jid().bare(), "slowly");
        alice.await("the message confirmed", () -> client.pendingMessages().isEmpty());
        assertThat(proxy.chunksDelayed()).isPositive();
        faults.slowLink(false);
        long delayed = proxy.chunksDelayed();
        client.sendMessage(client.jid().bare(), "quickly");
        alice.await("the second confirmed", () -> client.pendingMessages().isEmpty());
        assertThat(proxy.chunksDelayed()).as("no more delays").isEqualTo(delayed);
    }
}
