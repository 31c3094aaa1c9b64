package dev.jitterbug.fx.chat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One conversation in the sidebar: a room or a one-to-one chat, its messages and unread count. */
public final class ConversationViewModel {
    private final Jid jid;
    private final boolean room;
    private final ObservableList<MessageItem> messages = FXCollections.observableArrayList();
    private final ObservableList<MessageItem> readOnlyMessages = FXCollections.unmodifiableObservableList(messages);
    private final Map<String, MessageItem> byOriginId = new HashMap<>();
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper(0);

    public ConversationViewModel(Jid jid, boolean room) {
        this.jid = jid;
        this.room = room;
    }

    public Jid jid() {
        return jid;
    }

    public boolean isRoom() {
        return room;
    }

    public String title() {
        return room ? "# " + jid.local() : jid.toString();
    }

    public ObservableList<MessageItem> messages() {
        return readOnlyMessages;
    }

    public ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    void markRead() {
        unread.set(0);
    }

    /** Adds a message unless it is already shown (a room reflecting ours, an archive replay). */
    boolean add(MessageItem item, boolean countUnread) {
        String originId = item.message().originId();
        if (originId != null && byOriginId.containsKey(originId)) {
            return false;
        }
        if (originId != null) {
            byOriginId.put(originId, item);
        }
        insertInTimeOrder(item);
        if (countUnread && !item.outgoing()) {
            unread.set(unread.get() + 1);
        }
        return true;
    }

    void remove(MessageItem item) {
        messages.remove(item);
        if (item.message().originId() != null) {
            byOriginId.remove(item.message().originId());
        }
    }

    MessageItem find(String originId) {
        return byOriginId.get(originId);
    }

    /** Late arrivals (archive catch-up) go where they belong in time, not at the bottom. */
    private void insertInTimeOrder(MessageItem item) {
        long time = item.message().timestampMillis();
        int index = messages.size();
        while (index > 0 && item.message().delayed()
                && messages.get(index - 1).message().timestampMillis() > time) {
            index--;
        }
        messages.add(index, item);
    }

    @Override
    public String toString() {
        return title();
    }

    static ChatMessage.Kind kindFor(boolean room) {
        return room ? ChatMessage.Kind.GROUPCHAT : ChatMessage.Kind.CHAT;
    }
}
