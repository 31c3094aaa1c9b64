package dev.jitterbug.reconnect;

/**
 * One planned wait: how long, the range it was drawn from (never a single value for the product's policies, so
 * anyone can check a fleet cannot share it), and why, in words for the diagnostics timeline.
 */
public final class RetryDelay {
    private final long millis;
    private final long fromMillis;
    private final long toMillis;
    private final String why;

    RetryDelay(long millis, long fromMillis, long toMillis, String why) {
        this.millis = millis;
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
        this.why = why;
    }

    public long millis() {
        return millis;
    }

    /** The lowest delay the draw could have given. */
    public long fromMillis() {
        return fromMillis;
    }

    /** The highest delay the draw could have given. */
    public long toMillis() {
        return toMillis;
    }

    public String why() {
        return why;
    }

    @Override
    public String toString() {
        return millis + " ms (drawn from " + fromMillis + "–" + toMillis + " ms; " + why + ")";
    }
}
