package dev.jitterbug.reconnect;

/**
 * AWS "equal jitter": half the exponential delay fixed, half jittered:
 * {@code e = min(cap, base * multiplier^(attempt-1)); delay = e/2 + uniform(0, e/2)}.
 */
public final class EqualJitterBackoff implements BackoffPolicy {
    private final long baseMillis;
    private final long capMillis;
    private final double multiplier;

    public EqualJitterBackoff(long baseMillis, long capMillis, double multiplier) {
        BackoffParameters.requireBaseAndCap("equal-jitter backoff", baseMillis, capMillis);
        BackoffParameters.requireMultiplier("equal-jitter backoff", multiplier, 1.0, false);
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.multiplier = multiplier;
    }

    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        BackoffParameters.requireAttempt(attempt);
        double half = BackoffParameters.exponential(baseMillis, multiplier, attempt, capMillis) / 2;
        return (long) random.uniform(half, 2 * half);
    }

    @Override
    public long minDelayMillis() {
        return baseMillis / 2;
    }

    @Override
    public long maxDelayMillis() {
        return capMillis;
    }
}
