package dev.jitterbug.reconnect;

/**
 * One running burst of retries of one kind (a room's rejoins, a BOSH exchange's resends, the config fetch): each
 * {@link #next} asks the shared {@link RetryPlanner} for the wait. Not thread-safe: used on its owner's thread.
 */
public final class Retries {
    private final RetryPolicy policy;
    private final RetryPlanner planner;
    private RetryState state = RetryState.FRESH;
    private int count;

    public Retries(RetryPolicy policy, RetryPlanner planner) {
        this.policy = policy;
        this.planner = planner;
    }

    /** The wait before the next try. */
    public RetryDelay next(RetryCause cause) {
        return next(cause, -1);
    }

    /** The wait before the next try, at least what the server asked for ({@code Retry-After}, or -1). */
    public RetryDelay next(RetryCause cause, long retryAfterMillis) {
        RetryPlanner.Plan plan = planner.plan(policy, state, cause, retryAfterMillis);
        state = plan.next();
        count++;
        return plan.delay();
    }

    /** Retries planned since the last success. */
    public int count() {
        return count;
    }

    /** A success: the next failure starts a new burst. */
    public void reset() {
        state = RetryState.FRESH;
        count = 0;
    }
}
