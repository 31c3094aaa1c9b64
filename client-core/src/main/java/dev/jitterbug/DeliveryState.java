package dev.jitterbug;

/** Where one of our messages stands. */
public enum DeliveryState {
    /** Waiting in the outbox: offline, or not yet handed to a connection. */
    QUEUED,
    /** Written to the connection; the server has not confirmed it yet. */
    SENT,
    /** The server confirmed it (XEP-0198 ack): it will not be lost. */
    ACKED,
    /** It cannot be delivered; see the reason. */
    FAILED
}
