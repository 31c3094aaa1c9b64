package dev.jitterbug.fx.chat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.Contact;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: conversations, the selected one, and the composer. The composer works whether or not
 * we are connected — the core queues what is sent offline — and nothing here ever clears what the user typed
 * except sending it. Hears messages, deliveries, the roster and rooms the core joined by itself (through the bridge).
 */
public final class ChatViewModel implements ClientListener {
    /** The core operations the chat needs. */
    public interface Sender {
        OutgoingMessage sendMessage(Jid to, String body);

        OutgoingMessage sendRoomMessage(Jid room, String body);

        void joinRoom(Jid room, String nick);

        void leaveRoom(Jid room);
    }

    private final Sender sender;
    private final ObservableList<ConversationViewModel> conversations = FXCollections.observableArrayList();
    private final ObjectProperty<ConversationViewModel> selected = new SimpleObjectProperty<>();
    private final StringProperty composerText = new SimpleStringProperty("");
    private final Map<Jid, String> drafts = new HashMap<>();
    private Consumer<String> linkOpener = url -> { };
    private Jid account;

    public ChatViewModel(Sender sender) {
        this.sender = sender;
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                now.markRead();
            }
        });
    }

    public ObservableList<ConversationViewModel> conversations() {
        return FXCollections.unmodifiableObservableList(conversations);
    }

    public ObjectProperty<ConversationViewModel> selectedProperty() {
        return selected;
    }

    public StringProperty composerTextProperty() {
        return composerText;
    }

    /**
     * An account is signing in (called before its client starts, so none of its events is lost): the same account
     * finds its conversations and its unsent text as it left them; a different one starts from an empty list with
     * its own draft, and the previous account's draft is kept for when it comes back.
     */
    public void accountSigningIn(Jid signingIn) {
        Jid bare = signingIn.bare();
        if (bare.equals(account)) {
            return;
        }
        if (account != null) {
            drafts.put(account, composerText.get());
            selected.set(null);
            conversations.clear();
            composerText.set(drafts.getOrDefault(bare, ""));
        }
        account = bare;
    }

    /** Opens (or selects) a one-to-one conversation. */
    public ConversationViewModel startChat(Jid contact) {
        ConversationViewModel conversation = conversation(contact.bare(), false);
        selected.set(conversation);
        return conversation;
    }

    /** Joins a room and selects it. */
    public ConversationViewModel joinRoom(Jid room, String nick) {
        sender.joinRoom(room.bare(), nick);
        ConversationViewModel conversation = conversation(room.bare(), true);
        selected.set(conversation);
        return conversation;
    }

    /**
     * Closes a conversation: leaves it if it is a room, and drops it from the sidebar. The composer keeps its text;
     * another conversation (if any) is selected.
     */
    public void close(ConversationViewModel conversation) {
        if (conversation.isRoom()) {
            sender.leaveRoom(conversation.jid());
        }
        int index = conversations.indexOf(conversation);
        if (index < 0) {
            return;
        }
        conversations.remove(index);
        if (selected.get() == conversation) {
            selected.set(conversations.isEmpty() ? null : conversations.get(Math.min(index, conversations.size() - 1)));
        }
    }

    /** A room the core joined by itself (a bookmark, e.g. at login on a new device) appears in the sidebar. */
    @Override
    public void onRoomJoined(Jid room, String nick) {
        conversation(room.bare(), true);
    }

    /** The roster's contacts get a one-to-one conversation each in the sidebar (nothing is selected for them). */
    @Override
    public void onRoster(List<Contact> contacts) {
        for (Contact contact : contacts) {
            conversation(contact.jid(), false);
        }
    }

    /**
     * Where a clicked link goes: the app opens it in the browser off the FX thread. Until set, links do nothing.
     */
    public void setLinkOpener(Consumer<String> opener) {
        this.linkOpener = opener;
    }

    /** Opens a link from a message; only web links ({@code http}, {@code https}) are ever opened. */
    public void openLink(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            linkOpener.accept(url);
        }
    }

    /** Sends what is in the composer to the selected conversation; empty text is not sent. */
    public void send() {
        ConversationViewModel target = selected.get();
        String text = composerText.get();
        if (target == null || text == null || text.trim().isEmpty()) {
            return;
        }
        OutgoingMessage outgoing = target.isRoom()
                ? sender.sendRoomMessage(target.jid(), text)
                : sender.sendMessage(target.jid(), text);
        MessageItem item = new MessageItem(outgoing.message(), outgoing.state());
        item.setDelivery(outgoing.state(), outgoing.failureReason());
        target.add(item, false);
        composerText.set("");
    }

    /**
     * "Send again" on one of our messages that failed: its text goes out as a new message to the same conversation
     * and takes the failed one's place. (The core has no retry of a failed message: once failed, it stays failed.)
     */
    public void sendAgain(MessageItem failed) {
        if (!failed.outgoing() || failed.deliveryProperty().get() != DeliveryState.FAILED) {
            return;
        }
        for (ConversationViewModel conversation : conversations) {
            if (conversation.find(failed.message().originId()) == failed) {
                OutgoingMessage again = conversation.isRoom()
                        ? sender.sendRoomMessage(conversation.jid(), failed.body())
                        : sender.sendMessage(conversation.jid(), failed.body());
                MessageItem item = new MessageItem(again.message(), again.state());
                item.setDelivery(again.state(), again.failureReason());
                conversation.remove(failed);
                conversation.add(item, false);
                return;
            }
        }
    }

    @Override
    public void onMessage(ChatMessage message) {
        boolean room = message.kind() == ChatMessage.Kind.GROUPCHAT;
        ConversationViewModel conversation = conversation(message.conversation(), room);
        if (message.outgoing() && message.originId() != null) {
            MessageItem mine = conversation.find(message.originId());
            if (mine != null) {
                return;
            }
        }
        conversation.add(new MessageItem(message, message.outgoing() ? DeliveryState.ACKED : null),
                selected.get() != conversation);
        if (selected.get() == null) {
            selected.set(conversation);
        }
    }

    @Override
    public void onDelivery(OutgoingMessage outgoing) {
        for (ConversationViewModel conversation : conversations) {
            MessageItem item = conversation.find(outgoing.originId());
            if (item != null) {
                item.setDelivery(outgoing.state(), outgoing.failureReason());
                return;
            }
        }
    }

    private ConversationViewModel conversation(Jid jid, boolean room) {
        for (ConversationViewModel existing : conversations) {
            if (existing.jid().equals(jid)) {
                return existing;
            }
        }
        ConversationViewModel created = new ConversationViewModel(jid, room);
        conversations.add(created);
        return created;
    }
}
