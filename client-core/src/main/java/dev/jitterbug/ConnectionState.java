package dev.jitterbug;

/** Where a client's connection stands. */
public enum ConnectionState {
    /** Not connected and not trying: before the first connect, or after a sign-out. */
    OFFLINE,
    /** A connection attempt (transport, login or resumption) is under way. */
    CONNECTING,
    /** A new session is established (bound). */
    CONNECTED,
    /** The previous session was resumed (XEP-0198): nothing was lost and no new login was needed. */
    RESUMED,
    /** The connection was lost; see the event's failure. The reconnector decides what comes next. */
    DISCONNECTED,
    /** Waiting before the next attempt; see the event's attempt number and deadline. */
    WAITING,
    /** Stopped for a reason retrying cannot fix (signed in elsewhere, wrong password); see the failure. */
    STOPPED;

    /** Whether stanzas flow right now. */
    public boolean isOnline() {
        return this == CONNECTED || this == RESUMED;
    }
}
