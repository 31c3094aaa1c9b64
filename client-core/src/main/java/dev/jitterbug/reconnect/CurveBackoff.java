package dev.jitterbug.reconnect;

/** What the exponential and decorrelated policies share: base, cap and multiplier, checked once. */
abstract class CurveBackoff implements BackoffPolicy {
    final long baseMillis;
    final long capMillis;
    final double multiplier;

    /**
     * @param policy the policy's name, for error messages. A multiplier of exactly 1 is allowed: the curve stays flat
     *               and a decorrelated range collapses to a point, which the {@link RetryPlanner} widens (a document
     *               may ask for 1.0, and no valid document may make a policy throw).
     */
    CurveBackoff(String policy, long baseMillis, long capMillis, double multiplier) {
        BackoffParameters.requireBaseAndCap(policy, baseMillis, capMillis);
        BackoffParameters.requireMultiplier(policy, multiplier, 1.0, false);
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.multiplier = multiplier;
    }

    /** {@code min(cap, base * multiplier^(attempt-1))}. */
    final double exponential(int attempt) {
        BackoffParameters.requireAttempt(attempt);
        return BackoffParameters.exponential(baseMillis, multiplier, attempt, capMillis);
    }

    @Override
    public long minDelayMillis() {
        return baseMillis;
    }

    @Override
    public long maxDelayMillis() {
        return capMillis;
    }
}
