package dev.jitterbug.reconnect;

/**
 * AWS "full jitter": {@code delay = uniform(0, min(cap, base * multiplier^(attempt-1)))}. Spreads well, but any
 * attempt may come almost at once, and the mean is only half the exponential curve.
 */
public final class FullJitterBackoff extends CurveBackoff {
    public FullJitterBackoff(long baseMillis, long capMillis, double multiplier) {
        super("full-jitter backoff", baseMillis, capMillis, multiplier, false);
    }

    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        return (long) random.uniform(0, exponential(attempt));
    }

    @Override
    public long minDelayMillis() {
        return 0;
    }
}
