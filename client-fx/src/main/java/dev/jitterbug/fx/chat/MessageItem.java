package dev.jitterbug.fx.chat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.DeliveryState;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One line in a conversation; our own messages carry a delivery state that changes in place. */
public final class MessageItem {
    private final ChatMessage message;
    private final ReadOnlyObjectWrapper<DeliveryState> delivery;
    private final ReadOnlyStringWrapper failureReason = new ReadOnlyStringWrapper();

    public MessageItem(ChatMessage message, DeliveryState delivery) {
        this.message = message;
        this.delivery = new ReadOnlyObjectWrapper<>(delivery);
    }

    public ChatMessage message() {
        return message;
    }

    public String body() {
        return message.body();
    }

    /** Who wrote it, as shown: "You", the room nick, or the sender's address. */
    public String sender() {
        if (message.outgoing()) {
            return "You";
        }
        if (message.kind() == ChatMessage.Kind.GROUPCHAT && message.from().resource() != null) {
            return message.from().resource();
        }
        return message.from().bare().toString();
    }

    /**
     * Who wrote it, for grouping and the avatar's colour: the room nick in a room, the bare address otherwise, and
     * the empty string (which no nick or address can be) for ours. Same key, same person.
     */
    public String senderKey() {
        return message.outgoing() ? "" : sender();
    }

    public boolean outgoing() {
        return message.outgoing();
    }

    /** Delivery state for our own messages; null for others'. */
    public ReadOnlyObjectProperty<DeliveryState> deliveryProperty() {
        return delivery.getReadOnlyProperty();
    }

    /** Why our message could not be delivered (with {@link DeliveryState#FAILED}); null otherwise. */
    public ReadOnlyStringProperty failureReasonProperty() {
        return failureReason.getReadOnlyProperty();
    }

    void setDelivery(DeliveryState state) {
        setDelivery(state, null);
    }

    void setDelivery(DeliveryState state, String reason) {
        failureReason.set(reason);
        delivery.set(state);
    }
}
