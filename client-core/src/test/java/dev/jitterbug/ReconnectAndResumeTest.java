package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.LogCapture;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.ServerKind;
import dev.jitterbug.testing.TestClients;
import dev.jitterbug.testing.TestServers;
import dev.jitterbug.testing.XmppTestServer;
import dev.jitterbug.TransportKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reconnector wired into the client, against a real Prosody and a real ejabberd: resume after a lost link,
 * re-login after a kill.
 */
class ReconnectAndResumeTest {
    @RegisterExtension
    final TestServers servers = TestServers.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private TestClients clients;

    private XmppTestServer on(ServerKind kind) {
        XmppTestServer server = servers.get(kind);
        clients = new TestClients(server);
        return server;
    }

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"PROSODY, WEBSOCKET", "PROSODY, BOSH", "EJABBERD, WEBSOCKET", "EJABBERD, BOSH"})
    void aDroppedLinkWithTheServerAliveLosesAndDuplicatesNothing(ServerKind kind, TransportKind transport) {
        XmppTestServer server = on(kind);
        LoopbackProxy link = clients.proxy();
        URI endpoint = link.via(transport == TransportKind.WEBSOCKET ? server.webSocketUri() : server.boshUri());
        RecordingListener aliceEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        // Over WebSocket a long server-failure spread, so a resume that waited it out could not pass for a quick
        // one. (Prosody cannot resume over BOSH: those drops log in afresh, after the usual short test spread.)
        RetryConfig config = transport == TransportKind.WEBSOCKET
                ? QuickRetry.builder().serverFailureSpreadMillis(30_000).blipRetryWindowMillis(1_000).build()
                : QuickRetry.CONFIG;
        JitterbugClient alice = clients.online(clients.options("alice", endpoint).retryConfig(config).build(),
                aliceEvents);
        JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).build(), bobEvents);
        Jid aliceJid = Jid.parse(server.jid("alice"));
        Jid bobJid = Jid.parse(server.jid("bob"));

        List<String> expectedAtBob = new ArrayList<>();
        List<String> expectedAtAlice = new ArrayList<>();
        for (int drop = 0; drop < 3; drop++) {
            int sessionsBefore = aliceEvents.sessions();
            link.dropLink(aliceEvents);
            for (int i = 0; i < 5; i++) {
                String fromAlice = "a" + drop + "-" + i;
                String fromBob = "b" + drop + "-" + i;
                alice.sendMessage(bobJid, fromAlice);
                bob.sendMessage(aliceJid, fromBob);
                expectedAtBob.add(fromAlice);
                expectedAtAlice.add(fromBob);
            }
            aliceEvents.awaitSessionAfter(sessionsBefore);
        }
        // Markers after everything: each direction is in order, so a duplicate would have come before its marker.
        alice.sendMessage(bobJid, "alice: end");
        bob.sendMessage(aliceJid, "bob: end");
        expectedAtBob.add("alice: end");
        expectedAtAlice.add("bob: end");
        aliceEvents.awaitMessage("bob: end");
        bobEvents.awaitMessage("alice: end");
        assertThat(aliceEvents.bodies()).containsExactlyElementsOf(expectedAtAlice);
        assertThat(bobEvents.bodies()).containsExactlyElementsOf(expectedAtBob);
        assertThat(link.linkDrops()).isEqualTo(3);
        if (transport == TransportKind.WEBSOCKET) {
            assertThat(alice.lastSessionCost().resumed()).isTrue();
            assertThat(aliceEvents.count(ConnectionState.CONNECTED)).as("only the first login").isEqualTo(1);
            assertThat(aliceEvents.count(ConnectionState.RESUMED)).as("each drop resumed").isEqualTo(3);
            assertThat(alice.lastSessionCost().roundTrips()).as("pipelined SASL2 + resume, or classic resume")
                    .isEqualTo(kind.offersSasl2() ? 2 : 3);
            for (ConnectionEvent waiting : aliceEvents.events(ConnectionState.WAITING)) {
                // The session was alive on the server: resumed within the blip window, not the 30 s spread.
                assertThat(waiting.delayToMillis()).as(waiting.detail()).isLessThanOrEqualTo(1_000);
                assertThat(waiting.detail()).contains("resuming first");
            }
        } else if (kind.resumesOverBosh()) {
            // ejabberd resumes a BOSH session like any other.
            assertThat(alice.lastSessionCost().resumed()).isTrue();
            assertThat(aliceEvents.count(ConnectionState.CONNECTED)).as("only the first login").isEqualTo(1);
            assertThat(aliceEvents.count(ConnectionState.RESUMED)).as("each drop resumed").isEqualTo(3);
        } else {
            // Prosody 0.12.3's mod_smacks crashes resuming a BOSH session (field 'rawsend' is nil) and never
            // answers: the client notices, logs in afresh and catches up from the archive — still nothing lost.
            assertThat(aliceEvents.count(ConnectionState.RESUMED)).isZero();
            assertThat(aliceEvents.count(ConnectionState.CONNECTED)).as("a new login after each drop").isEqualTo(4);
        }
        aliceEvents.await("alice's outbox empty", () -> alice.pendingMessages().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aResumedWebSocketSessionStaysUpWhileIdle(ServerKind kind) {
        XmppTestServer server = on(kind);
        // Prosody 0.12.3 stops answering WebSocket pings on a connection that resumed a session; a client relying
        // on them dropped every two ping intervals after each resume (found by the 10-minute soak).
        RetryConfig probing = QuickRetry.builder().pingIntervalMillis(1_000).deadLinkTimeoutMillis(1_000).build();
        RecordingListener events = new RecordingListener();
        LoopbackProxy link = clients.proxy();
        clients.online(clients.options("alice", link.via(server.webSocketUri())).retryConfig(probing)
                .build(), events);
        int sessionsBefore = events.sessions();
        link.dropLink(events);
        events.awaitSessionAfter(sessionsBefore);
        assertThat(events.lastEvent().state()).isEqualTo(ConnectionState.RESUMED);
        int before = events.events.size();
        try (LogCapture wire = LogCapture.wire()) {
            // Three probes of the idle link, each answered: the session outlived three dead-link deadlines.
            events.await("three answered probes", () -> wire.count("RECV", "<a xmlns=\"urn:xmpp:sm:3\"") >= 3);
            assertThat(wire.count("SEND", "<r xmlns=\"urn:xmpp:sm:3\"")).isGreaterThanOrEqualTo(3);
        }
        assertThat(events.events.subList(before, events.events.size())).as("no drop after the resume").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aResumeRefusedBecauseTheServerRestartedIsSpreadBeforeTheFullLogin(ServerKind kind) {
        XmppTestServer server = on(kind);
        LoopbackProxy link = clients.proxy();
        RecordingListener events = new RecordingListener();
        RetryConfig spread = QuickRetry.builder().serverFailureSpreadMillis(3_000).blipRetryWindowMillis(1_000)
                .build();
        JitterbugClient alice = clients.online(clients.options("alice", link.via(server.webSocketUri()))
                .retryConfig(spread).build(), events);

        // The resume attempt is held at the proxy while the server restarts, so it meets a server without the session.
        link.holdNewConnections(true);
        server.kill();
        events.awaitNth(ConnectionState.CONNECTING, 2);
        assertThat(events.events(ConnectionState.WAITING).get(0).detail()).contains("resuming first");
        events.await("the resume attempt reached the proxy", () -> link.connectionsHeld() >= 1);
        server.start();
        link.holdNewConnections(false);
        events.awaitNth(ConnectionState.CONNECTED, 2);

        List<ConnectionEvent> lost = events.events(ConnectionState.DISCONNECTED);
        assertThat(lost).hasSize(2);
        assertThat(lost.get(1).failure().kind()).isEqualTo(Failure.Kind.RESUME_REFUSED);
        ConnectionEvent beforeLogin = events.events(ConnectionState.WAITING).get(1);
        assertThat(beforeLogin.detail()).as("the full login is spread like a server failure")
                .contains("no longer has the session").contains("spread");
        assertThat(beforeLogin.delayToMillis()).isEqualTo(3_000);
        assertThat(alice.lastSessionCost().resumed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void afterTheServerIsKilledAndRestartedTheClientLogsInAgainByItself(ServerKind kind) {
        XmppTestServer server = on(kind);
        RecordingListener events = new RecordingListener();
        JitterbugClient alice = clients.online(clients.options("alice", server.webSocketUri()).build(), events);
        server.kill();
        events.awaitNth(ConnectionState.DISCONNECTED, 1);
        alice.sendMessage(Jid.parse(server.jid("bob")), "written while the server was down");
        events.awaitNth(ConnectionState.WAITING, 1);
        server.start();
        events.awaitNth(ConnectionState.CONNECTED, 2);
        assertThat(alice.lastSessionCost().resumed()).as("the server forgot the session: a new login").isFalse();
        events.await("the queued message went out and was confirmed", () -> alice.pendingMessages().isEmpty());
    }
}
