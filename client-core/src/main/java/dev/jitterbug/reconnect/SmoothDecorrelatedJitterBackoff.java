package dev.jitterbug.reconnect;

/**
 * Decorrelated jitter without the pile-up at the cap: clamp the <em>range</em> before drawing, never the drawn value.
 *
 * <pre>
 *   high  = min(cap, previous * multiplier)      (previous = base before the first attempt)
 *   low   = max(base, high / multiplier)
 *   delay = uniform(low, high)
 * </pre>
 *
 * <p>Below the cap this is {@code uniform(previous, previous * multiplier)}: each wait is at least the last one and
 * at most {@code multiplier} times it, so the mean grows by {@code (1 + multiplier) / 2} per attempt (2x with the
 * default 3) and clients that failed together drift apart by a random factor every attempt. Once the range reaches
 * the cap the delay is {@code uniform(cap / multiplier, cap)} at every further attempt: still jittered over two thirds
 * of the cap (with multiplier 3), mean {@code cap * (1 + 1/multiplier) / 2}, and no value is more likely than any other
 * — in particular nobody sits at exactly {@code cap}, unlike the AWS formula ({@link DecorrelatedJitterBackoff}).
 * Unlike AWS it never falls back to {@code base} in the middle of an outage. With a multiplier close to 1 the range
 * becomes narrow; the {@link RetryPlanner} widens it before drawing.
 */
public final class SmoothDecorrelatedJitterBackoff extends CurveBackoff implements JitteredBackoff {
    public SmoothDecorrelatedJitterBackoff(long baseMillis, long capMillis, double multiplier) {
        super("smooth decorrelated-jitter backoff", baseMillis, capMillis, multiplier);
    }

    @Override
    public double lowMillis(int attempt, long previousDelayMillis) {
        return Math.max(baseMillis, highMillis(attempt, previousDelayMillis) / multiplier);
    }

    @Override
    public double highMillis(int attempt, long previousDelayMillis) {
        BackoffParameters.requireAttempt(attempt);
        return Math.min(capMillis, Math.max(baseMillis, previousDelayMillis) * multiplier);
    }
}
