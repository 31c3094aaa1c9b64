package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.testing.LogCapture;
import dev.jitterbug.testing.ServerKind;
import dev.jitterbug.testing.TestServers;
import dev.jitterbug.testing.XmppTestServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.util.Collections;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room that keeps us out refuses our messages, although the server acknowledged receiving them (XEP-0198 counts
 * what the server got, not what the room took). The 10-minute soak lost room messages this way right after a
 * server restart; here the room refuses alice because someone holds her nick, until he leaves.
 */
class RoomRefusalTest {
    @RegisterExtension
    final TestServers servers = TestServers.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret").account("carol", "carol-secret");

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aMessageTheRoomRefusedWaitsForTheRejoinAndIsDeliveredOnce(ServerKind kind) {
        XmppTestServer server = servers.get(kind);
        Jid room = Jid.parse("den@" + server.mucDomain());
        try (TestClients clients = new TestClients(server); LogCapture wire = LogCapture.wire()) {
            RecordingListener carolEvents = new RecordingListener();
            JitterbugClient carol = clients.online(options(clients, server, "carol"), carolEvents);
            carol.joinRoom(room, "carol");
            JitterbugClient bob = clients.online(options(clients, server, "bob"), new RecordingListener());
            bob.joinRoom(room, "alice"); // takes alice's nick
            bob.sendRoomMessage(room, "bob is in as alice");
            carolEvents.awaitMessage("bob is in as alice");

            RecordingListener aliceEvents = new RecordingListener();
            JitterbugClient alice = clients.online(options(clients, server, "alice"), aliceEvents);
            int refusalsBefore = wire.count("RECV", "<message", "type=\"error\"");
            alice.joinRoom(room, "alice"); // refused: the nick is taken
            OutgoingMessage hello = alice.sendRoomMessage(room, "hello while kept out");
            aliceEvents.await("the room refuses alice's message",
                    () -> wire.count("RECV", "<message", "type=\"error\"") > refusalsBefore);
            assertThat(carolEvents.bodies()).as("the room did not pass it on").doesNotContain("hello while kept out");
            assertThat(aliceEvents.stateOf(hello)).as("and it is not shown as confirmed")
                    .isNotEqualTo(DeliveryState.ACKED);

            bob.leaveRoom(room); // the nick is free: alice's next join attempt gets in
            carolEvents.awaitMessage("hello while kept out");
            aliceEvents.awaitDelivery(hello, DeliveryState.ACKED); // confirmed by the room's echo
            assertThat(alice.pendingMessages()).isEmpty();

            alice.sendRoomMessage(room, "marker");
            carolEvents.awaitMessage("marker");
            assertThat(Collections.frequency(carolEvents.bodies(), "hello while kept out")).isEqualTo(1);
        }
    }

    private static ClientOptions options(TestClients clients, XmppTestServer server, String user) {
        return clients.options(user, server.webSocketUri()).build();
    }
}
