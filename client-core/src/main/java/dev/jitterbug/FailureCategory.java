package dev.jitterbug;

/** What a failure means for the next attempt: the category the reconnector (and the status line) decides on. */
public enum FailureCategory {
    /** Our side hiccupped (network changed, link went quiet): retry within the small blip window. */
    LOCAL_BLIP,
    /** The server side failed or is overloaded: spread the first retry over the server-failure window, then back off. */
    SERVER_SIDE,
    /** The server sent us elsewhere ({@code see-other-host}): follow it soon. */
    REDIRECT,
    /** Retrying cannot help (wrong password, signed in elsewhere …): stop and say why, see {@link StopReason}. */
    FATAL
}
