package dev.jitterbug.reconnect;

/** Retry at once, every time: {@code delay = 0}. The anti-pattern, kept so the simulator can show it. */
public final class NoBackoff implements BackoffPolicy {
    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        BackoffParameters.requireAttempt(attempt);
        return 0;
    }

    @Override
    public long minDelayMillis() {
        return 0;
    }

    @Override
    public long maxDelayMillis() {
        return 0;
    }
}
