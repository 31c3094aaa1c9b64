package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0402: a room joined on one device is joined again at the next login, on any device; leaving forgets it. */
class BookmarksTest {
    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest().account("alice", "alice-secret");

    @Test
    void aJoinedRoomIsRejoinedAtTheNextLoginOnAnotherDevice() throws Exception {
        ProsodyServer server = prosody.server();
        Jid room = Jid.parse("lounge@" + server.mucDomain());
        try (TestClients clients = new TestClients(server)) {
            JitterbugClient laptop = clients.online(clients.options("alice", server.webSocketUri())
                    .store(new InMemoryKeyValueStore()).build(), new RecordingListener());
            laptop.joinRoom(room, "alice-laptop");
            Thread.sleep(1_000); // the bookmark is published
            laptop.close();

            List<Jid> joined = new CopyOnWriteArrayList<>();
            RecordingListener phoneEvents = new RecordingListener() {
                @Override
                public void onRoomJoined(Jid bookmarked, String nick) {
                    joined.add(bookmarked);
                }
            };
            JitterbugClient phone = clients.online(clients.options("alice", server.webSocketUri())
                    .store(new InMemoryKeyValueStore()).build(), phoneEvents);
            await().atMost(Duration.ofSeconds(10)).until(() -> joined.contains(room));
            phone.leaveRoom(room);
            Thread.sleep(1_000);
            phone.close();

            List<Jid> again = new CopyOnWriteArrayList<>();
            clients.online(clients.options("alice", server.webSocketUri()).store(new InMemoryKeyValueStore()).build(),
                    new RecordingListener() {
                        @Override
                        public void onRoomJoined(Jid bookmarked, String nick) {
                            again.add(bookmarked);
                        }
                    });
            Thread.sleep(2_000);
            assertThat(again).as("left rooms are not rejoined").isEmpty();
        }
    }
}
