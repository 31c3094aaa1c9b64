package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.im.Bookmark;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0402 against Prosody: a room joined in one session is bookmarked and joined again at the next sign-in. */
class BookmarksProsodyTest {
    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    @Test
    void aJoinedRoomComesBackAtTheNextSignInAndALeftOneDoesNot() {
        ProsodyServer server = prosody.server();
        Jid lobby = Jid.parse("lobby@" + server.mucDomain());
        Jid attic = Jid.parse("attic@" + server.mucDomain());
        try (TestClients clients = new TestClients(server)) {
            RecordingListener first = new RecordingListener();
            JitterbugClient alice = clients.online(clients.options("alice", server.webSocketUri()).build(), first);
            alice.joinRoom(lobby, "ali");
            alice.joinRoom(attic, "ali");
            alice.leaveRoom(attic);
            alice.sendMessage(Jid.parse(server.jid("bob")), "flush"); // after the bookmark updates, in order
            await("the updates went out").atMost(Duration.ofSeconds(10))
                    .until(() -> first.deliveries.stream().anyMatch(d -> d.state() == DeliveryState.ACKED));
            alice.close();

            Listener second = new Listener();
            RecordingListener secondEvents = new RecordingListener();
            JitterbugClient again = JitterbugClient.create(clients.options("alice", server.webSocketUri()).build());
            again.addListener(second);
            again.addListener(secondEvents);
            again.connect();
            TestClients.awaitOnline(again, secondEvents);
            await("bookmarks arrive").atMost(Duration.ofSeconds(10)).until(() -> !second.bookmarkLists.isEmpty());
            List<Bookmark> bookmarks = second.bookmarkLists.get(0);
            assertThat(bookmarks).extracting(b -> b.room().toString()).containsExactly(lobby.toString());
            assertThat(bookmarks.get(0).nick()).isEqualTo("ali");
            assertThat(bookmarks.get(0).autojoin()).isTrue();

            // Joined again without being asked: bob's room message reaches the new session.
            RecordingListener bobEvents = new RecordingListener();
            JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).build(), bobEvents);
            bob.joinRoom(lobby, "bob");
            bob.sendRoomMessage(lobby, "ping");
            await("alice hears the room").atMost(Duration.ofSeconds(15)).until(() -> secondEvents.messages.stream()
                    .anyMatch(m -> m.kind() == ChatMessage.Kind.GROUPCHAT && m.body().equals("ping")));
            again.close();
        }
    }

    private static final class Listener implements ClientListener {
        final List<List<Bookmark>> bookmarkLists = new CopyOnWriteArrayList<>();

        @Override
        public void onBookmarks(List<Bookmark> bookmarks) {
            bookmarkLists.add(bookmarks);
        }
    }
}
