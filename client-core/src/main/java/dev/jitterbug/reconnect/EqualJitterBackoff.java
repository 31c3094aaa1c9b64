package dev.jitterbug.reconnect;

/**
 * AWS "equal jitter": half the exponential delay fixed, half jittered:
 * {@code e = min(cap, base * multiplier^(attempt-1)); delay = e/2 + uniform(0, e/2)}.
 */
public final class EqualJitterBackoff extends CurveBackoff implements JitteredBackoff {
    public EqualJitterBackoff(long baseMillis, long capMillis, double multiplier) {
        super("equal-jitter backoff", baseMillis, capMillis, multiplier);
    }

    @Override
    public double lowMillis(int attempt, long previousDelayMillis) {
        return exponential(attempt) / 2;
    }

    @Override
    public double highMillis(int attempt, long previousDelayMillis) {
        return exponential(attempt);
    }

    @Override
    public long minDelayMillis() {
        return baseMillis / 2;
    }
}
