package dev.jitterbug;

/** One of our messages and its delivery state, as the UI shows it. Immutable snapshot; a new one per change. */
public final class OutgoingMessage {
    private final ChatMessage message;
    private final DeliveryState state;
    private final String failureReason;

    public OutgoingMessage(ChatMessage message, DeliveryState state, String failureReason) {
        this.message = message;
        this.state = state;
        this.failureReason = failureReason;
    }

    public ChatMessage message() {
        return message;
    }

    /** The id that stays the same across re-sends (origin-id). */
    public String originId() {
        return message.originId();
    }

    public DeliveryState state() {
        return state;
    }

    public String failureReason() {
        return failureReason;
    }

    public OutgoingMessage withState(DeliveryState newState, String reason) {
        return new OutgoingMessage(message, newState, reason);
    }

    @Override
    public String toString() {
        return state + " " + message;
    }
}
