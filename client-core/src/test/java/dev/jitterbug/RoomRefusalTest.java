package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room that keeps us out refuses our messages, although the server acknowledged receiving them (XEP-0198 counts
 * what the server got, not what the room took). The 10-minute soak lost room messages this way right after a
 * server restart; here the room refuses alice because someone holds her nick, until he leaves.
 */
class RoomRefusalTest {
    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret").account("carol", "carol-secret");

    @Test
    void aMessageTheRoomRefusedWaitsForTheRejoinAndIsDeliveredOnce() throws Exception {
        ProsodyServer server = prosody.server();
        Jid room = Jid.parse("den@" + server.mucDomain());
        try (TestClients clients = new TestClients(server)) {
            RecordingListener carolEvents = new RecordingListener();
            JitterbugClient carol = clients.online(options(clients, "carol"), carolEvents);
            carol.joinRoom(room, "carol");
            JitterbugClient bob = clients.online(options(clients, "bob"), new RecordingListener());
            bob.joinRoom(room, "alice"); // takes alice's nick
            Thread.sleep(1_000);

            RecordingListener aliceEvents = new RecordingListener();
            JitterbugClient alice = clients.online(options(clients, "alice"), aliceEvents);
            alice.joinRoom(room, "alice"); // refused: the nick is taken
            OutgoingMessage hello = alice.sendRoomMessage(room, "hello while kept out");
            Thread.sleep(2_000);
            assertThat(carolEvents.bodies()).as("the room did not pass it on").doesNotContain("hello while kept out");
            assertThat(stateOf(aliceEvents, hello)).as("and it is not shown as confirmed")
                    .isNotEqualTo(DeliveryState.ACKED);

            bob.leaveRoom(room); // the nick is free: alice's next join attempt gets in
            await("carol gets it").atMost(Duration.ofSeconds(20))
                    .until(() -> carolEvents.bodies().contains("hello while kept out"));
            await("confirmed by the room's echo").atMost(Duration.ofSeconds(5))
                    .until(() -> stateOf(aliceEvents, hello) == DeliveryState.ACKED);
            assertThat(alice.pendingMessages()).isEmpty();

            alice.sendRoomMessage(room, "marker");
            await("carol gets the marker").atMost(Duration.ofSeconds(10))
                    .until(() -> carolEvents.bodies().contains("marker"));
            assertThat(Collections.frequency(carolEvents.bodies(), "hello while kept out")).isEqualTo(1);
        }
    }

    private ClientOptions options(TestClients clients, String user) {
        return clients.options(user, prosody.server().webSocketUri()).store(new InMemoryKeyValueStore()).build();
    }

    private static DeliveryState stateOf(RecordingListener events, OutgoingMessage message) {
        DeliveryState state = null;
        for (OutgoingMessage update : events.deliveries) {
            if (update.originId().equals(message.originId())) {
                state = update.state();
            }
        }
        return state;
    }
}
