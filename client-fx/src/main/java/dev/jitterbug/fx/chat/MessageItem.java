package dev.jitterbug.fx.chat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.DeliveryState;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One line in a conversation; our own messages carry a delivery state that changes in place. */
public final class MessageItem {
    private final ChatMessage message;
    private final ReadOnlyObjectWrapper<DeliveryState> delivery;

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

    public boolean outgoing() {
        return message.outgoing();
    }

    /** Delivery state for our own messages; null for others'. */
    public ReadOnlyObjectProperty<DeliveryState> deliveryProperty() {
        return delivery.getReadOnlyProperty();
    }

    void setDelivery(DeliveryState state) {
        delivery.set(state);
    }
}
