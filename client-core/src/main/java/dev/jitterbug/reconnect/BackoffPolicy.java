package dev.jitterbug.reconnect;

/**
 * How long to wait before retry number {@code attempt} of a burst of failures. Pure: the answer depends only on
 * the arguments, the policy's parameters (from the retry config) and the random source, so each policy is tested on
 * its own and the storm simulator runs exactly the code real clients run.
 */
public interface BackoffPolicy {
    /**
     * @param attempt             1 for the first backed-off retry, then 2, 3 …
     * @param previousDelayMillis what this policy returned for the previous attempt, or 0 for the first
     * @param random              the jitter source
     * @return the delay in milliseconds, within [{@link #minDelayMillis()}, {@link #maxDelayMillis()}]
     */
    long delayMillis(int attempt, long previousDelayMillis, RandomSource random);

    /** The smallest delay this policy can return. */
    long minDelayMillis();

    /** The largest delay this policy can return (the cap). */
    long maxDelayMillis();
}
