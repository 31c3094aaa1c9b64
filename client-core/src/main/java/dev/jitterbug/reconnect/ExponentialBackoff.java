package dev.jitterbug.reconnect;

/** {@code delay = min(cap, base * multiplier^(attempt-1))}. No jitter: clients that failed together stay together. */
public final class ExponentialBackoff extends CurveBackoff {
    public ExponentialBackoff(long baseMillis, long capMillis, double multiplier) {
        super("exponential backoff", baseMillis, capMillis, multiplier);
    }

    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        return Math.round(exponential(attempt));
    }
}
