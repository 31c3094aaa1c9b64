package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.FileKeyValueStore;
import dev.jitterbug.testing.LogCapture;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ServerKind;
import dev.jitterbug.testing.TestServers;
import dev.jitterbug.testing.XmppTestServer;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a reconnect costs, and the state that must survive one: roster versions, the outbox, dead links. */
class ReconnectCostTest {
    @RegisterExtension
    final TestServers servers = TestServers.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aNewLoginFetchesTheRosterOnlyWhenItChangedAndCatchesUpOnlyWhatWasMissed(ServerKind kind) throws Exception {
        XmppTestServer server = servers.get(kind);
        RecordingListener events = new RecordingListener();
        try (TestClients clients = new TestClients(server)) {
            LoopbackProxy link = clients.proxy();
            JitterbugClient alice = clients.online(clients.options("alice", link.via(server.webSocketUri())).build(),
                    events);
            JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).build(),
                    new RecordingListener());
            alice.addContact(Jid.parse(server.jid("bob")), "Bob");
            events.await("bob in alice's contacts", () -> alice.contacts().size() == 1);

            int sessionsBefore = events.sessions();

            link.dropLink(events);

            events.awaitSessionAfter(sessionsBefore);
            assertThat(events.lastEvent().state()).isEqualTo(ConnectionState.RESUMED);
            events.await("the resume's cost", () -> alice.lastSessionCost() != null
                    && alice.lastSessionCost().resumed());
            SessionCost resume = alice.lastSessionCost();

            int waitsBefore = events.count(ConnectionState.WAITING);
            server.kill();
            events.awaitNth(ConnectionState.WAITING, waitsBefore + 1);
            server.start();
            bob.sendMessage(Jid.parse(server.jid("alice")), "while you were away");
            events.awaitNth(ConnectionState.CONNECTED, events.count(ConnectionState.CONNECTED) + 1);
            events.awaitMessage("while you were away");
            events.await("the re-login's cost, catch-up included", () -> !alice.lastSessionCost().resumed()
                    && alice.lastSessionCost().complete());
            SessionCost relogin = alice.lastSessionCost();

            System.out.println("cost of a resume:   " + resume);
            System.out.println("cost of a re-login: " + relogin);
            // SASL2 resumes in the authentication exchange; a classic resume is pipelined after the stream open.
            assertThat(resume.roundTrips()).isEqualTo(kind.offersSasl2() ? 2 : 3);
            assertThat(resume.rosterItems()).isZero();
            assertThat(relogin.rosterItems()).as("roster versioning: unchanged, nothing sent").isZero();
            assertThat(alice.contacts()).extracting(c -> c.jid().toString()).containsExactly(server.jid("bob"));
            assertThat(relogin.archivedMessages()).as("only what was missed").isLessThanOrEqualTo(1);
            assertThat(relogin.bytesReceived()).isGreaterThan(resume.bytesReceived());
            assertThat(events.bodies()).containsOnlyOnce("while you were away");
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void messagesWrittenOfflineSurviveAnAppRestartAndAreSentOnceInOrder(ServerKind kind) {
        XmppTestServer server = servers.get(kind);
        FileKeyValueStore store = new FileKeyValueStore(dir);
        try (TestClients clients = new TestClients(server); LoopbackProxy unreachable = new LoopbackProxy(1)) {
            unreachable.refuse(true);
            RecordingListener offline = new RecordingListener();
            JitterbugClient first = clients.start(clients.options("alice", unreachable.via(server.webSocketUri()))
                    .store(store).build(), offline);
            Jid bobJid = Jid.parse(server.jid("bob"));
            first.sendMessage(bobJid, "one");
            first.sendMessage(bobJid, "two");
            first.sendMessage(bobJid, "three");
            offline.await("three messages queued", () -> offline.deliveries.size() >= 3);
            assertThat(offline.deliveries).allMatch(d -> d.state() == DeliveryState.QUEUED);
            first.close();

            RecordingListener bobEvents = new RecordingListener();
            clients.online(clients.options("bob", server.webSocketUri()).build(), bobEvents);
            RecordingListener restarted = new RecordingListener();
            JitterbugClient second = clients.online(clients.options("alice", server.webSocketUri()).store(store)
                    .build(), restarted);
            bobEvents.await("three messages at bob", () -> bobEvents.bodies().size() >= 3
                    && second.pendingMessages().isEmpty());
            assertThat(bobEvents.bodies()).containsExactly("one", "two", "three");
            List<DeliveryState> acks = restarted.deliveries.stream().map(OutgoingMessage::state)
                    .filter(s -> s == DeliveryState.ACKED).collect(Collectors.toList());
            assertThat(acks).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aSilentlyDeadLinkIsFoundByTheProbe(ServerKind kind) {
        XmppTestServer server = servers.get(kind);
        RetryConfig probing = QuickRetry.builder().pingIntervalMillis(1_000).deadLinkTimeoutMillis(1_000).build();
        try (TestClients clients = new TestClients(server); LogCapture wire = LogCapture.wire()) {
            LoopbackProxy link = clients.proxy();
            RecordingListener events = new RecordingListener();
            clients.online(clients.options("alice", link.via(server.webSocketUri())).retryConfig(probing).build(),
                    events);
            link.blackhole(true);
            int probesBefore = wire.count("SEND", "<r xmlns=\"urn:xmpp:sm:3\"");
            long start = System.nanoTime();
            ConnectionEvent lost = events.awaitNth(ConnectionState.DISCONNECTED, 1);
            long noticedMillis = (System.nanoTime() - start) / 1_000_000;
            link.blackhole(false);
            // Nothing told the client: only its own probe, unanswered for the dead-link timeout, can have found it.
            System.out.println("dead link noticed after " + noticedMillis + " ms (1 s probes): " + lost.failure());
            assertThat(lost.failure().kind()).isEqualTo(Failure.Kind.DEAD_LINK);
            assertThat(lost.failure().message()).isEqualTo("The connection stopped answering (no reply within 1 s).");
            assertThat(wire.count("SEND", "<r xmlns=\"urn:xmpp:sm:3\"")).as("a probe went out into the silence")
                    .isGreaterThan(probesBefore);
        }
    }

}
