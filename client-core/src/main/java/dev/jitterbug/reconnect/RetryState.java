package dev.jitterbug.reconnect;

/** Where a burst of retries stands, for the {@link RetryPlanner}. Immutable: each plan returns the next state. */
public final class RetryState {
    /** Before the first failure of a burst. */
    public static final RetryState FRESH = new RetryState(0, 0, false);

    private final int backoffSteps;
    private final long previousMillis;
    private final boolean spreadUsed;

    private RetryState(int backoffSteps, long previousMillis, boolean spreadUsed) {
        this.backoffSteps = backoffSteps;
        this.previousMillis = previousMillis;
        this.spreadUsed = spreadUsed;
    }

    /** Backoff steps taken in this burst (the policy's attempt number of the last one). */
    public int backoffSteps() {
        return backoffSteps;
    }

    /** The last backoff delay (or the scale the spread left behind), which decorrelated policies grow from. */
    public long previousMillis() {
        return previousMillis;
    }

    /** Whether this burst's first retry was already spread over the server-failure window. */
    public boolean spreadUsed() {
        return spreadUsed;
    }

    RetryState afterSpread(long scaleMillis) {
        return new RetryState(backoffSteps, Math.max(previousMillis, scaleMillis), true);
    }

    RetryState afterBackoff(long delayMillis) {
        return new RetryState(backoffSteps + 1, delayMillis, spreadUsed);
    }

    @Override
    public String toString() {
        return "steps=" + backoffSteps + ", previous=" + previousMillis + " ms, spreadUsed=" + spreadUsed;
    }
}
