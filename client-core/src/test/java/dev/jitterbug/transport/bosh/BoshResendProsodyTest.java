package dev.jitterbug.transport.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.testing.LogCapture;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * XEP-0124 §14.3 against a real Prosody: HTTP connections cut while BOSH requests are held or in flight are repeated
 * with the same rid, so the session lives on and no stanza is lost or duplicated in either direction.
 */
class BoshResendProsodyTest {
    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private TestClients clients;
    private LoopbackProxy proxy;
    private LogCapture wire;

    @BeforeEach
    void setUp() {
        clients = new TestClients(prosody.server());
        proxy = new LoopbackProxy(prosody.server().httpPort());
        wire = LogCapture.wire();
    }

    private RecordingListener watched;

    @AfterEach
    void tearDown() {
        if (watched != null) {
            System.out.println("alice's events: " + watched.events + "\nalice got: " + watched.bodies());
        }
        if (Boolean.getBoolean("prosody.debug")) {
            System.out.println(prosody.server().logTail());
        }
        clients.close();
        proxy.close();
        wire.close();
    }

    /** Archive queries alice sent over BOSH so far. */
    private int archiveQueries(JitterbugClient alice) {
        return wire.count("SEND " + proxy.via(prosody.server().boshUri()), "<query", MessageStanzas.MAM);
    }

    @Test
    void cuttingHttpConnectionsMidSessionLosesAndDuplicatesNothing() {
        ProsodyServer server = prosody.server();
        // Dead-link probes far apart, so only the cuts (not a probe) can disturb the session.
        RetryConfig config = RetryConfig.defaults().toBuilder().pingIntervalMillis(600_000).build();
        RecordingListener aliceEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        watched = aliceEvents;
        JitterbugClient alice = clients.online(clients.options("alice", proxy.via(server.boshUri()))
                .retryConfig(config).build(), aliceEvents);
        JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).retryConfig(config)
                .build(), bobEvents);
        int atSignIn = archiveQueries(alice); // none: her first session has missed nothing
        Jid aliceJid = Jid.parse(server.jid("alice"));
        Jid bobJid = Jid.parse(server.jid("bob"));
        List<String> toAlice = new ArrayList<>();
        List<String> toBob = new ArrayList<>();
        int reset = 0;
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 3; i++) {
                String fromBob = "b" + round + "-" + i;
                String fromAlice = "a" + round + "-" + i;
                bob.sendMessage(aliceJid, fromBob);
                alice.sendMessage(bobJid, fromAlice);
                toAlice.add(fromBob);
                toBob.add(fromAlice);
            }
            if (round % 2 == 1) {
                // This time the messages have arrived and BOSH is back to its held poll: cut that.
                int expectedAtAlice = toAlice.size();
                int expectedAtBob = toBob.size();
                aliceEvents.await("round " + round + " at alice", () -> aliceEvents.bodies().size() >= expectedAtAlice);
                bobEvents.await("round " + round + " at bob", () -> bobEvents.bodies().size() >= expectedAtBob);
            }
            // Even rounds: cut while the sends, answers and acks are on their way.
            reset += proxy.cutOpenConnections();
        }

        // Markers after everything: each direction is in order, so a duplicate would have come before its marker.
        bob.sendMessage(aliceJid, "bob: end");
        alice.sendMessage(bobJid, "alice: end");
        toAlice.add("bob: end");
        toBob.add("alice: end");
        aliceEvents.awaitMessage("bob: end");
        bobEvents.awaitMessage("alice: end");
        aliceEvents.await("alice's messages all acknowledged", () -> alice.pendingMessages().isEmpty());

        assertThat(aliceEvents.bodies()).containsExactlyElementsOf(toAlice);
        assertThat(bobEvents.bodies()).containsExactlyElementsOf(toBob);
        // The resends keep the session: without them each cut would cost one. At most one may still be lost,
        // and only to Prosody 0.12's mod_bosh, which can keep a request whose connection died and send everything
        // after it there (seen in its debug log, about once in 20 runs on a loaded machine): alice then hears
        // nothing, her repeated ack request goes unanswered, she logs in again and the archive fills the gap.
        assertThat(aliceEvents.count(ConnectionState.DISCONNECTED)).as("sessions lost to 10 cuts: %s",
                aliceEvents.events).isLessThanOrEqualTo(1);
        assertThat(reset).as("each of the 10 cuts reset at least one of alice's HTTP connections")
                .isGreaterThanOrEqualTo(10);
        // Prosody can answer a request whose connection it has not yet seen die, and then has nothing to replay:
        // after a cut alice asks the archive for what came since the last message she saw.
        assertThat(archiveQueries(alice)).as("archive queries alice sent after the cuts").isGreaterThan(atSignIn);
    }
}
