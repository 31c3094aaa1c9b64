package dev.jitterbug.sim;

/**
 * The service's session acquisition as a single deterministic pipeline: one acquisition takes {@code 1000 / C} ms,
 * at most {@code queueLimit} wait, the rest are rejected. The queue is never stored: its length follows from when
 * the last accepted acquisition completes, so the model costs O(1) memory at any fleet size.
 */
final class SimulatedServer {
    /** What happens to one attempt. */
    static final long REFUSED = -1;
    static final long REJECTED = -2;

    private final double serviceMillis;
    private final int queueLimit;
    private final long downUntilMillis;
    private double lastCompletionMillis;

    SimulatedServer(int capacityPerSecond, int queueLimit, long downUntilMillis) {
        this.serviceMillis = 1000.0 / capacityPerSecond;
        this.queueLimit = queueLimit;
        this.downUntilMillis = downUntilMillis;
    }

    /** Offers one acquisition at {@code nowMillis}: its completion time, {@link #REFUSED} or {@link #REJECTED}. */
    long offer(long nowMillis) {
        if (nowMillis < downUntilMillis) {
            return REFUSED;
        }
        double start = Math.max(nowMillis, lastCompletionMillis);
        double waiting = (start - nowMillis) / serviceMillis;
        if (waiting >= queueLimit + 1) {
            return REJECTED;
        }
        lastCompletionMillis = start + serviceMillis;
        return (long) Math.ceil(lastCompletionMillis);
    }
}
