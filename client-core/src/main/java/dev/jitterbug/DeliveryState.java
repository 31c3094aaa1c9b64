package dev.jitterbug;

/** Where one of our messages stands. */
public enum DeliveryState {
    /** Waiting in the outbox: offline, or not yet handed to a connection. */
    QUEUED,
    /** Written to the connection; the server has not confirmed it yet. */
    SENT,
    /**
     * Confirmed: the server has it (XEP-0198 ack) for a one-to-one message; the room passed it on (its echo to us,
     * or its archive) for a room message — a room that is not letting us in refuses messages it has received.
     */
    ACKED,
    /** It cannot be delivered; see the reason. */
    FAILED
}
