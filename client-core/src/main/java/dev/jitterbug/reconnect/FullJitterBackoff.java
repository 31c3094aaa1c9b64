package dev.jitterbug.reconnect;

/**
 * AWS "full jitter": {@code delay = uniform(0, min(cap, base * multiplier^(attempt-1)))}. Spreads well, but any
 * attempt may come almost at once, and the mean is only half the exponential curve.
 */
public final class FullJitterBackoff implements BackoffPolicy {
    private final long baseMillis;
    private final long capMillis;
    private final double multiplier;

    public FullJitterBackoff(long baseMillis, long capMillis, double multiplier) {
        BackoffParameters.requireBaseAndCap("full-jitter backoff", baseMillis, capMillis);
        BackoffParameters.requireMultiplier("full-jitter backoff", multiplier, 1.0, false);
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.multiplier = multiplier;
    }

    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        BackoffParameters.requireAttempt(attempt);
        double ceiling = BackoffParameters.exponential(baseMillis, multiplier, attempt, capMillis);
        return (long) random.uniform(0, ceiling);
    }

    @Override
    public long minDelayMillis() {
        return 0;
    }

    @Override
    public long maxDelayMillis() {
        return capMillis;
    }
}
