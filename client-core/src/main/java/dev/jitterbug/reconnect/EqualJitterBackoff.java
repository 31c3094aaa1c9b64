package dev.jitterbug.reconnect;

/**
 * AWS "equal jitter": half the exponential delay fixed, half jittered:
 * {@code e = min(cap, base * multiplier^(attempt-1)); delay = e/2 + uniform(0, e/2)}.
 */
public final class EqualJitterBackoff extends CurveBackoff {
    public EqualJitterBackoff(long baseMillis, long capMillis, double multiplier) {
        super("equal-jitter backoff", baseMillis, capMillis, multiplier, false);
    }

    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        double half = exponential(attempt) / 2;
        return (long) random.uniform(half, 2 * half);
    }

    @Override
    public long minDelayMillis() {
        return baseMillis / 2;
    }
}
