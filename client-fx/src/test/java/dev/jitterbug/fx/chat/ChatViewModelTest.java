package dev.jitterbug.fx.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Contact;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat without a UI: a fake core that queues like the real one does while offline. */
class ChatViewModelTest {
    private static final Jid ME = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");
    private static final Jid ROOM = Jid.parse("lobby@conference.example.org");

    private final List<String> calls = new ArrayList<>();
    private final ChatViewModel chat = new ChatViewModel(new ChatViewModel.Sender() {
        @Override
        public OutgoingMessage sendMessage(Jid to, String body) {
            calls.add("send " + to + " " + body);
            return queued(to, body, ChatMessage.Kind.CHAT, "o" + calls.size());
        }

        @Override
        public OutgoingMessage sendRoomMessage(Jid room, String body) {
            calls.add("send-room " + room + " " + body);
            return queued(room, body, ChatMessage.Kind.GROUPCHAT, "o" + calls.size());
        }

        @Override
        public void joinRoom(Jid room, String nick) {
            calls.add("join " + room + " as " + nick);
        }

        @Override
        public void leaveRoom(Jid room) {
            calls.add("leave " + room);
        }
    });

    @Test
    void sendingWhileOfflineQueuesAndTheStateChangesInPlace() {
        chat.startChat(BOB);
        chat.composerTextProperty().set("are you there?");
        chat.send();

        MessageItem item = chat.selectedProperty().get().messages().get(0);
        assertThat(item.deliveryProperty().get()).isEqualTo(DeliveryState.QUEUED);
        assertThat(chat.composerTextProperty().get()).isEmpty();

        chat.onDelivery(new OutgoingMessage(item.message(), DeliveryState.SENT, null));
        assertThat(item.deliveryProperty().get()).isEqualTo(DeliveryState.SENT);
        chat.onDelivery(new OutgoingMessage(item.message(), DeliveryState.ACKED, null));
        assertThat(item.deliveryProperty().get()).isEqualTo(DeliveryState.ACKED);
        assertThat(chat.selectedProperty().get().messages()).hasSize(1);
    }

    @Test
    void blankTextIsNotSentAndStaysInTheComposer() {
        chat.startChat(BOB);
        chat.composerTextProperty().set("   ");
        chat.send();

        assertThat(calls).isEmpty();
        assertThat(chat.composerTextProperty().get()).isEqualTo("   ");
    }

    @Test
    void aRoomReflectingOurMessageDoesNotDuplicateIt() {
        chat.joinRoom(ROOM, "alice");
        chat.composerTextProperty().set("hi all");
        chat.send();
        MessageItem mine = chat.selectedProperty().get().messages().get(0);

        chat.onMessage(mine.message()); // the room's echo carries our origin-id

        assertThat(chat.selectedProperty().get().messages()).containsExactly(mine);
    }

    @Test
    void missedMessagesFromACatchUpGoWhereTheyBelongInTime() {
        chat.startChat(BOB);
        chat.onMessage(incoming("m1", 1_000, false));
        chat.onMessage(incoming("m3", 3_000, false));
        chat.onMessage(incoming("m2", 2_000, true)); // delayed: sent while we were away
        chat.onMessage(incoming("m2", 2_000, true)); // and again from a second replay

        assertThat(chat.selectedProperty().get().messages()).extracting(MessageItem::body)
                .containsExactly("m1", "m2", "m3");
    }

    @Test
    void countsUnreadInConversationsNotOnScreen() {
        chat.startChat(BOB);
        chat.onMessage(groupchat("a"));
        chat.onMessage(groupchat("b"));
        ConversationViewModel room = chat.conversations().get(1);

        assertThat(room.unreadProperty().get()).isEqualTo(2);
        chat.selectedProperty().set(room);
        assertThat(room.unreadProperty().get()).isZero();
    }

    @Test
    void leavingARoomTellsTheCoreAndSelectsAnotherConversation() {
        ConversationViewModel bob = chat.startChat(BOB);
        ConversationViewModel room = chat.joinRoom(ROOM, "alice");
        chat.composerTextProperty().set("draft");

        chat.close(room);

        assertThat(calls).contains("leave " + ROOM);
        assertThat(chat.conversations()).containsExactly(bob);
        assertThat(chat.selectedProperty().get()).isSameAs(bob);
        assertThat(chat.composerTextProperty().get()).as("the composer keeps its text").isEqualTo("draft");
    }

    @Test
    void rosterContactsFillTheSidebarWithoutDuplicates() {
        chat.startChat(BOB);
        chat.onRoster(List.of(new Contact(BOB, "Bob", "both"), new Contact(Jid.parse("carol@example.org"), null,
                "to")));

        assertThat(chat.conversations()).extracting(c -> c.jid().toString()).containsExactly("bob@example.org",
                "carol@example.org");
        assertThat(chat.selectedProperty().get().jid()).isEqualTo(BOB);
    }

    @Test
    void holdsFiftyThousandMessagesInOneRoom() {
        chat.joinRoom(ROOM, "alice");
        for (int i = 0; i < 50_000; i++) {
            chat.onMessage(new ChatMessage("id" + i, "origin" + i, null, ROOM.withResource("bob"), ME, "message " + i,
                    ChatMessage.Kind.GROUPCHAT, i, false, false));
        }

        List<MessageItem> messages = chat.selectedProperty().get().messages();
        assertThat(messages).hasSize(50_000);
        assertThat(messages.get(49_999).body()).isEqualTo("message 49999");
    }

    @Test
    void onlyWebLinksAreHandedToTheOpener() {
        List<String> opened = new ArrayList<>();
        chat.openLink("https://example.org/a");
        chat.setLinkOpener(opened::add);
        chat.openLink("https://example.org/b");
        chat.openLink("HTTP://example.org/c");
        chat.openLink("file:///etc/passwd");
        chat.openLink("javascript:alert(1)");
        chat.openLink(null);
        assertThat(opened).containsExactly("https://example.org/b", "HTTP://example.org/c");
    }

    @Test
    void aFailedMessageKeepsItsReasonForTheTooltip() {
        chat.startChat(BOB);
        chat.composerTextProperty().set("hello");
        chat.send();
        MessageItem item = chat.selectedProperty().get().messages().get(0);
        chat.onDelivery(new OutgoingMessage(item.message(), DeliveryState.FAILED, "bob's server refused it"));
        assertThat(item.deliveryProperty().get()).isEqualTo(DeliveryState.FAILED);
        assertThat(item.failureReasonProperty().get()).isEqualTo("bob's server refused it");
        chat.onDelivery(new OutgoingMessage(item.message(), DeliveryState.ACKED, null));
        assertThat(item.failureReasonProperty().get()).isNull();
    }

    @Test
    void eachAccountKeepsItsOwnDraftAcrossSignOuts() {
        chat.accountSigningIn(ME);
        chat.startChat(BOB);
        chat.composerTextProperty().set("alice's half sentence");
        chat.accountSigningIn(ME.withResource("laptop"));
        assertThat(chat.composerTextProperty().get()).as("the same account: nothing changes")
                .isEqualTo("alice's half sentence");
        assertThat(chat.conversations()).hasSize(1);

        Jid carol = Jid.parse("carol@example.org");
        chat.accountSigningIn(carol);
        assertThat(chat.composerTextProperty().get()).as("carol does not see alice's draft").isEmpty();
        assertThat(chat.conversations()).as("nor her conversations").isEmpty();
        assertThat(chat.selectedProperty().get()).isNull();
        chat.composerTextProperty().set("carol's draft");

        chat.accountSigningIn(ME);
        assertThat(chat.composerTextProperty().get()).isEqualTo("alice's half sentence");
        chat.accountSigningIn(carol);
        assertThat(chat.composerTextProperty().get()).isEqualTo("carol's draft");
    }

    @Test
    void aFailedMessageIsSentAgainAsANewOneInItsPlace() {
        chat.joinRoom(ROOM, "alice");
        chat.composerTextProperty().set("hello room");
        chat.send();
        ConversationViewModel room = chat.selectedProperty().get();
        MessageItem first = room.messages().get(0);
        chat.sendAgain(first);
        assertThat(calls).as("not failed: nothing to send again").hasSize(2);

        chat.onDelivery(new OutgoingMessage(first.message(), DeliveryState.FAILED, "not a member"));
        chat.sendAgain(first);
        assertThat(calls).containsExactly("join " + ROOM + " as alice", "send-room " + ROOM + " hello room",
                "send-room " + ROOM + " hello room");
        assertThat(room.messages()).hasSize(1);
        MessageItem again = room.messages().get(0);
        assertThat(again).isNotSameAs(first);
        assertThat(again.deliveryProperty().get()).isEqualTo(DeliveryState.QUEUED);
        chat.sendAgain(first);
        assertThat(calls).as("the failed one is gone: a second click does nothing").hasSize(3);
    }

    private static OutgoingMessage queued(Jid to, String body, ChatMessage.Kind kind, String originId) {
        return new OutgoingMessage(new ChatMessage(originId, originId, null, ME, to, body, kind, 0, true, false),
                DeliveryState.QUEUED, null);
    }

    private static ChatMessage incoming(String body, long at, boolean delayed) {
        return new ChatMessage(body, body, null, BOB.withResource("phone"), ME, body, ChatMessage.Kind.CHAT, at, false,
                delayed);
    }

    private static ChatMessage groupchat(String body) {
        return new ChatMessage(body, body, null, ROOM.withResource("bob"), ME, body, ChatMessage.Kind.GROUPCHAT, 0,
                false, false);
    }
}
