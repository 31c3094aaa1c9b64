package dev.jitterbug.reconnect;

/** {@code delay = min(cap, base * multiplier^(attempt-1))}. No jitter: clients that failed together stay together. */
public final class ExponentialBackoff implements BackoffPolicy {
    private final long baseMillis;
    private final long capMillis;
    private final double multiplier;

    public ExponentialBackoff(long baseMillis, long capMillis, double multiplier) {
        BackoffParameters.requireBaseAndCap("exponential backoff", baseMillis, capMillis);
        BackoffParameters.requireMultiplier("exponential backoff", multiplier, 1.0, false);
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.multiplier = multiplier;
    }

    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        BackoffParameters.requireAttempt(attempt);
        return Math.round(BackoffParameters.exponential(baseMillis, multiplier, attempt, capMillis));
    }

    @Override
    public long minDelayMillis() {
        return baseMillis;
    }

    @Override
    public long maxDelayMillis() {
        return capMillis;
    }
}
