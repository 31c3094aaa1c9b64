package dev.jitterbug.reconnect;

/**
 * AWS "decorrelated jitter" exactly as published:
 * {@code delay = min(cap, uniform(base, previous * multiplier))}, {@code previous = base} before the first attempt.
 *
 * <p>Kept for comparison. The clamp turns every draw above the cap into exactly {@code cap}: from the cap, the next
 * delay is exactly {@code cap} again with probability about {@code 1 - 1/multiplier}, and over a long outage about
 * 30 % of a fleet (multiplier 3, cap = 120 × base; measured) waits exactly {@code cap} at any attempt and retries in
 * lock-step (Polly issue #530). {@link SmoothDecorrelatedJitterBackoff} fixes that.
 */
public final class DecorrelatedJitterBackoff extends CurveBackoff {
    public DecorrelatedJitterBackoff(long baseMillis, long capMillis, double multiplier) {
        super("decorrelated-jitter backoff", baseMillis, capMillis, multiplier);
    }

    @Override
    public long delayMillis(int attempt, long previousDelayMillis, RandomSource random) {
        BackoffParameters.requireAttempt(attempt);
        long previous = Math.max(baseMillis, previousDelayMillis);
        double drawn = random.uniform(baseMillis, previous * multiplier);
        return (long) Math.min(capMillis, drawn);
    }
}
