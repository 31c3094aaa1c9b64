package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.testing.LogCapture;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server without a message archive is asked once, not after every login and not five times per login. */
class ServerWithoutArchiveTest {
    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest().account("alice", "alice-secret")
            .setting("modules_disabled", "{ \"s2s\"; \"offline\"; \"mam\" }");

    private TestClients clients;

    @BeforeEach
    void setUp() {
        clients = new TestClients(prosody.server());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void theArchiveIsAskedForOnceAfterARestartAndNotAgain() {
        ProsodyServer server = prosody.server();
        RecordingListener events = new RecordingListener();
        try (LogCapture wire = LogCapture.wire()) {
            JitterbugClient alice = clients.online(clients.options("alice", server.webSocketUri()).build(), events);
            for (int restart = 1; restart <= 2; restart++) {
                server.kill();
                server.start();
                events.awaitNth(ConnectionState.CONNECTED, restart + 1);
                events.await("the session's cost is complete", () -> alice.lastSessionCost().complete());
            }
            // First session: nothing to catch up on. After the first restart: one query, answered with an error
            // saying there is no archive here. After the second: none (and no retry in between).
            assertThat(wire.count("SEND", "<query xmlns=\"urn:xmpp:mam:2\"")).isEqualTo(1);
            assertThat(wire.count("RECV", "service-unavailable") + wire.count("RECV", "feature-not-implemented"))
                    .isEqualTo(1);
        }
    }
}
