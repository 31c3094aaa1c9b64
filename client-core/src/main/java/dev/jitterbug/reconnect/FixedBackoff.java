package dev.jitterbug.reconnect;

/** The same delay every time: {@code delay = base}. No jitter, so a fleet that failed together retries together. */
public final class FixedBackoff implements BackoffPolicy {
    private final long baseMillis;

    public FixedBackoff(long baseMillis) {
        BackoffParameters.requireBaseAndCap("fixed backoff", baseMillis, baseMillis);
        this.baseMillis = baseMillis;
    }

    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        BackoffParameters.requireAttempt(attempt);
        return baseMillis;
    }

    @Override
    public long minDelayMillis() {
        return baseMillis;
    }

    @Override
    public long maxDelayMillis() {
        return baseMillis;
    }
}
