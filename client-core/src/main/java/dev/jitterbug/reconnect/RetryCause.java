package dev.jitterbug.reconnect;

/** Why a retry waits, as far as the wait's size goes; the caller (a state machine) decides which applies. */
public enum RetryCause {
    /** A hiccup on our side, or a redirect to follow: retry soon, within the quick window. */
    QUICK,
    /** Something that may have hit everyone at once: the first retry of a burst is spread, later ones back off. */
    SERVER_FAILURE,
    /** Another failure in a burst: the next step of the backoff policy. */
    BACKOFF
}
