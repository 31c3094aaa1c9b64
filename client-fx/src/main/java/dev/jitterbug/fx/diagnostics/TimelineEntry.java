package dev.jitterbug.fx.diagnostics;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;

/** One connection event as the diagnostics timeline keeps it. Immutable. */
public final class TimelineEntry {
    private final long atMillis;
    private final ConnectionState state;
    private final int attempt;
    private final long delayMillis;
    private final String failure;
    private final String detail;

    TimelineEntry(long atMillis, ConnectionState state, int attempt, long delayMillis, String failure, String detail) {
        this.atMillis = atMillis;
        this.state = state;
        this.attempt = attempt;
        this.delayMillis = delayMillis;
        this.failure = failure;
        this.detail = detail;
    }

    static TimelineEntry of(ConnectionEvent event) {
        return new TimelineEntry(event.atMillis(), event.state(), event.attempt(), event.delayMillis(),
                event.failure() == null ? null : event.failure().toString(), event.detail());
    }

    public long atMillis() {
        return atMillis;
    }

    public ConnectionState state() {
        return state;
    }

    public int attempt() {
        return attempt;
    }

    /** The wait chosen before the next attempt (WAITING only). */
    public long delayMillis() {
        return delayMillis;
    }

    /** Why the connection ended, or null. */
    public String failure() {
        return failure;
    }

    /** The reconnector's words (policy, reason), or null. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return state + (attempt > 0 ? " #" + attempt : "") + (delayMillis > 0 ? " wait " + delayMillis + " ms" : "")
                + (failure != null ? " — " + failure : "") + (detail != null ? " (" + detail + ")" : "");
    }
}
