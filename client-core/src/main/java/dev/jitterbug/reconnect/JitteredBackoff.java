package dev.jitterbug.reconnect;

/**
 * A policy that draws each delay uniformly from a range. The {@link RetryPlanner} asks for the range, not the draw, so
 * it can keep the range inside the hard limits and wide enough before drawing: clamping a drawn value instead piles
 * clients up on the limit (every draw below the floor becomes exactly the floor).
 */
public interface JitteredBackoff extends BackoffPolicy {
    /** The lowest delay of the range for this attempt. */
    double lowMillis(int attempt, long previousDelayMillis);

    /** The highest delay of the range for this attempt. */
    double highMillis(int attempt, long previousDelayMillis);

    @Override
    default long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        return (long) random.uniform(lowMillis(attempt, previousDelayMillis), highMillis(attempt, previousDelayMillis));
    }
}
