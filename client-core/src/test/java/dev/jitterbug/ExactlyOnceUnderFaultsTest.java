package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4's promise: two clients (one over WebSocket, one over BOSH) exchange 500 messages while the link is dropped
 * three times and the server is killed and restarted once; every message arrives exactly once, in order per sender.
 */
class ExactlyOnceUnderFaultsTest {
    private static final RetryConfig QUICK = RetryConfig.defaults().toBuilder()
            .baseMillis(500).capMillis(3_000).serverFailureSpreadMillis(1_000).blipRetryWindowMillis(500).build();

    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    @Test
    void fiveHundredMessagesArriveExactlyOnceInOrderThroughDropsAndARestart() throws InterruptedException {
        ProsodyServer server = prosody.server();
        RecordingListener aliceEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        try (TestClients clients = new TestClients(server)) {
            JitterbugClient alice = clients.online(clients.options("alice", server.webSocketUri()).retryConfig(QUICK)
                    .build(), aliceEvents);
            JitterbugClient bob = clients.online(clients.options("bob", server.boshUri()).retryConfig(QUICK).build(),
                    bobEvents);
            Jid aliceJid = Jid.parse(server.jid("alice"));
            Jid bobJid = Jid.parse(server.jid("bob"));

            List<String> fromAlice = new ArrayList<>();
            List<String> fromBob = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                switch (i) {
                    case 40 -> alice.dropConnection();
                    case 90 -> bob.dropConnection();
                    case 140 -> server.kill();
                    case 150 -> server.start();
                    case 200 -> alice.dropConnection();
                    default -> { }
                }
                fromAlice.add("alice " + i);
                fromBob.add("bob " + i);
                alice.sendMessage(bobJid, "alice " + i);
                bob.sendMessage(aliceJid, "bob " + i);
                Thread.sleep(10);
            }

            try {
                await("all delivered").atMost(Duration.ofSeconds(60)).until(() ->
                        bobEvents.bodies().size() >= fromAlice.size() && aliceEvents.bodies().size() >= fromBob.size()
                                && alice.pendingMessages().isEmpty() && bob.pendingMessages().isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                List<String> missingAtBob = new ArrayList<>(fromAlice);
                missingAtBob.removeAll(bobEvents.bodies());
                List<String> missingAtAlice = new ArrayList<>(fromBob);
                missingAtAlice.removeAll(aliceEvents.bodies());
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(server.dataDir())) {
                    files.filter(java.nio.file.Files::isRegularFile).forEach(f -> {
                        try {
                            String text = new String(java.nio.file.Files.readAllBytes(f));
                            for (String missing : missingAtBob) {
                                System.out.println(f + " contains '" + missing + "': " + text.contains(missing));
                            }
                        } catch (java.io.IOException ignored) {
                            // diagnostics only
                        }
                    });
                } catch (java.io.IOException ignored) {
                    // diagnostics only
                }
                throw new AssertionError("missing at bob " + missingAtBob + ", missing at alice " + missingAtAlice
                        + ", alice pending " + alice.pendingMessages() + ", bob pending " + bob.pendingMessages()
                        + ", alice " + aliceEvents.states() + ", bob " + bobEvents.states(), e);
            }
            Thread.sleep(1_000); // a late duplicate would arrive now
            assertThat(bobEvents.bodies()).containsExactlyElementsOf(fromAlice);
            assertThat(aliceEvents.bodies()).containsExactlyElementsOf(fromBob);
            System.out.printf("exactly-once: sent %d+%d, received %d+%d, alice events %s%n", fromAlice.size(),
                    fromBob.size(), bobEvents.bodies().size(), aliceEvents.bodies().size(), aliceEvents.states());
        }
    }
}
