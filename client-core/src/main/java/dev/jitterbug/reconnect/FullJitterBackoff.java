package dev.jitterbug.reconnect;

/**
 * AWS "full jitter": {@code delay = uniform(0, min(cap, base * multiplier^(attempt-1)))}. Spreads well, but any
 * attempt may come almost at once, and the mean is only half the exponential curve.
 */
public final class FullJitterBackoff extends CurveBackoff implements JitteredBackoff {
    public FullJitterBackoff(long baseMillis, long capMillis, double multiplier) {
        super("full-jitter backoff", baseMillis, capMillis, multiplier);
    }

    @Override
    public double lowMillis(int attempt, long previousDelayMillis) {
        return 0;
    }

    @Override
    public double highMillis(int attempt, long previousDelayMillis) {
        return exponential(attempt);
    }

    @Override
    public long minDelayMillis() {
        return 0;
    }
}
