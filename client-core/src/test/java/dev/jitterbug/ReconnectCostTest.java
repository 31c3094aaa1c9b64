package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.FileKeyValueStore;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a reconnect costs, and the state that must survive one: roster versions, the outbox, dead links. */
class ReconnectCostTest {
    private static final RetryConfig QUICK = RetryConfig.defaults().toBuilder()
            .baseMillis(500).capMillis(3_000).serverFailureSpreadMillis(1_000).blipRetryWindowMillis(500).build();

    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    @TempDir
    Path dir;

    @Test
    void aNewLoginFetchesTheRosterOnlyWhenItChangedAndCatchesUpOnlyWhatWasMissed() throws Exception {
        ProsodyServer server = prosody.server();
        RecordingListener events = new RecordingListener();
        try (TestClients clients = new TestClients(server)) {
            JitterbugClient alice = clients.online(clients.options("alice", server.webSocketUri()).retryConfig(QUICK)
                    .store(new InMemoryKeyValueStore()).build(), events);
            JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).retryConfig(QUICK).build(),
                    new RecordingListener());
            alice.addContact(Jid.parse(server.jid("bob")), "Bob");
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.contacts().size() == 1);

            alice.dropConnection();
            await().atMost(Duration.ofSeconds(15)).until(() -> events.lastEvent().state() == ConnectionState.RESUMED);
            await().until(() -> alice.lastSessionCost() != null && alice.lastSessionCost().resumed());
            SessionCost resume = alice.lastSessionCost();

            server.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.states().contains(ConnectionState.WAITING));
            server.start();
            bob.sendMessage(Jid.parse(server.jid("alice")), "while you were away");
            int connectedBefore = count(events, ConnectionState.CONNECTED);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(events, ConnectionState.CONNECTED) > connectedBefore);
            await().atMost(Duration.ofSeconds(20)).until(() -> events.bodies().contains("while you were away"));
            await("re-login cost recorded: " + alice.lastSessionCost()).atMost(Duration.ofSeconds(20))
                    .until(() -> !alice.lastSessionCost().resumed());
            SessionCost relogin = alice.lastSessionCost();

            System.out.println("cost of a resume:   " + resume);
            System.out.println("cost of a re-login: " + relogin);
            assertThat(resume.roundTrips()).isEqualTo(2);
            assertThat(resume.rosterItems()).isZero();
            assertThat(relogin.rosterItems()).as("roster versioning: unchanged, nothing sent").isZero();
            assertThat(alice.contacts()).extracting(c -> c.jid().toString()).containsExactly(server.jid("bob"));
            assertThat(relogin.archivedMessages()).as("only what was missed").isLessThanOrEqualTo(1);
            assertThat(relogin.bytesReceived()).isGreaterThan(resume.bytesReceived());
            assertThat(events.bodies()).containsOnlyOnce("while you were away");
        }
    }

    @Test
    void messagesWrittenOfflineSurviveAnAppRestartAndAreSentOnceInOrder() {
        ProsodyServer server = prosody.server();
        FileKeyValueStore store = new FileKeyValueStore(dir);
        try (TestClients clients = new TestClients(server); LoopbackProxy unreachable = new LoopbackProxy(1)) {
            unreachable.refuse(true);
            RecordingListener offline = new RecordingListener();
            JitterbugClient first = clients.start(clients.options("alice", unreachable.via(server.webSocketUri()))
                    .store(store).retryConfig(QUICK).build(), offline);
            Jid bobJid = Jid.parse(server.jid("bob"));
            first.sendMessage(bobJid, "one");
            first.sendMessage(bobJid, "two");
            first.sendMessage(bobJid, "three");
            await().atMost(Duration.ofSeconds(10)).until(() -> offline.deliveries.size() >= 3);
            assertThat(offline.deliveries).allMatch(d -> d.state() == DeliveryState.QUEUED);
            first.close();

            RecordingListener bobEvents = new RecordingListener();
            clients.online(clients.options("bob", server.webSocketUri()).build(), bobEvents);
            RecordingListener restarted = new RecordingListener();
            JitterbugClient second = clients.online(clients.options("alice", server.webSocketUri()).store(store)
                    .retryConfig(QUICK).build(), restarted);
            await().atMost(Duration.ofSeconds(10)).until(() -> bobEvents.bodies().size() >= 3
                    && second.pendingMessages().isEmpty());
            assertThat(bobEvents.bodies()).containsExactly("one", "two", "three");
            List<DeliveryState> acks = restarted.deliveries.stream().map(OutgoingMessage::state)
                    .filter(s -> s == DeliveryState.ACKED).collect(Collectors.toList());
            assertThat(acks).hasSize(3);
        }
    }

    @Test
    void aSilentlyDeadLinkIsNoticedWithinTwoPingIntervals() {
        ProsodyServer server = prosody.server();
        RetryConfig probing = QUICK.toBuilder().pingIntervalMillis(1_000).deadLinkTimeoutMillis(1_000).build();
        try (TestClients clients = new TestClients(server); LoopbackProxy link = new LoopbackProxy(server.httpPort())) {
            RecordingListener events = new RecordingListener();
            clients.online(clients.options("alice", link.via(server.webSocketUri())).retryConfig(probing).build(),
                    events);
            link.blackhole(true);
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.states().contains(ConnectionState.DISCONNECTED));
            long noticedMillis = (System.nanoTime() - start) / 1_000_000;
            ConnectionEvent lost = events.events.stream().filter(e -> e.state() == ConnectionState.DISCONNECTED)
                    .findFirst().orElseThrow();
            System.out.println("dead link noticed after " + noticedMillis + " ms: " + lost.failure());
            assertThat(lost.failure().kind()).isEqualTo(Failure.Kind.DEAD_LINK);
            assertThat(noticedMillis).as("within two ping intervals (plus scheduling slack)").isLessThan(2_500);
            link.blackhole(false);
        }
    }

    private static int count(RecordingListener events, ConnectionState state) {
        return (int) events.states().stream().filter(s -> s == state).count();
    }
}
