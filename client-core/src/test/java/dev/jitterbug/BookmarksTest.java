package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.testing.LogCapture;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.ServerKind;
import dev.jitterbug.testing.TestClients;
import dev.jitterbug.testing.TestServers;
import dev.jitterbug.testing.XmppTestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * XEP-0402: rooms joined on one device are joined again at the next login, on any device; leaving forgets them. Two
 * rooms, so a bookmarks node that keeps only the last item (ejabberd 23.01's default) is caught.
 */
class BookmarksTest {
    /** The server's answer to a bookmark publish or retract (the client's ids start with "bookmark-"). */
    private static final String[] BOOKMARK_SAVED = {"RECV", "type=\"result\"", "id=\"bookmark-"};
    private static final String[] BOOKMARKS_FETCHED = {"RECV", "type=\"result\"", "id=\"bookmarks-get-"};

    @RegisterExtension
    final TestServers servers = TestServers.perTest().account("alice", "alice-secret");

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void joinedRoomsAreRejoinedAtTheNextLoginOnAnotherDevice(ServerKind kind) {
        XmppTestServer server = servers.get(kind);
        Jid room = Jid.parse("lounge@" + server.mucDomain());
        Jid other = Jid.parse("kitchen@" + server.mucDomain());
        try (TestClients clients = new TestClients(server); LogCapture wire = LogCapture.wire()) {
            RecordingListener laptopEvents = new RecordingListener();
            JitterbugClient laptop = clients.online(clients.options("alice", server.webSocketUri()).build(),
                    laptopEvents);
            laptop.joinRoom(room, "alice-laptop");
            laptopEvents.await("the first bookmark is published", () -> wire.count(BOOKMARK_SAVED) == 1);
            laptop.joinRoom(other, "alice-laptop");
            laptopEvents.await("the second bookmark is published", () -> wire.count(BOOKMARK_SAVED) == 2);
            laptop.close();

            List<Jid> joined = new CopyOnWriteArrayList<>();
            RecordingListener phoneEvents = new RecordingListener() {
                @Override
                public void onRoomJoined(Jid bookmarked, String nick) {
                    joined.add(bookmarked);
                }
            };
            JitterbugClient phone = clients.online(clients.options("alice", server.webSocketUri()).build(),
                    phoneEvents);
            phoneEvents.await("the phone joins both bookmarked rooms", () -> joined.contains(room)
                    && joined.contains(other));
            phone.leaveRoom(room);
            phone.leaveRoom(other);
            phoneEvents.await("the bookmarks are retracted", () -> wire.count(BOOKMARK_SAVED) == 4);
            phone.close();

            List<Jid> again = new CopyOnWriteArrayList<>();
            RecordingListener tabletEvents = new RecordingListener() {
                @Override
                public void onRoomJoined(Jid bookmarked, String nick) {
                    again.add(bookmarked);
                }
            };
            int fetchesBefore = wire.count(BOOKMARKS_FETCHED);
            JitterbugClient tablet = clients.online(clients.options("alice", server.webSocketUri()).build(),
                    tabletEvents);
            tabletEvents.await("the tablet read the bookmarks", () -> wire.count(BOOKMARKS_FETCHED) > fetchesBefore);
            // The event thread handles what arrives in order: once a message sent after the fetch is acknowledged,
            // the bookmarks answer (which came before the ack) has been acted on.
            OutgoingMessage marker = tablet.sendMessage(Jid.parse(server.jid("alice")), "marker");
            tabletEvents.awaitDelivery(marker, DeliveryState.ACKED);
            assertThat(again).as("left rooms are not rejoined").isEmpty();
        }
    }
}
