package dev.jitterbug.reconnect;

/** What the exponential and decorrelated policies share: base, cap and multiplier, checked once. */
abstract class CurveBackoff implements BackoffPolicy {
    final long baseMillis;
    final long capMillis;
    final double multiplier;

    /**
     * @param policy           the policy's name, for error messages
     * @param multiplierAbove1 whether the multiplier must be strictly greater than 1 (the decorrelated family draws
     *                         from [previous, previous × multiplier], which is empty at 1)
     */
    CurveBackoff(String policy, long baseMillis, long capMillis, double multiplier, boolean multiplierAbove1) {
        BackoffParameters.requireBaseAndCap(policy, baseMillis, capMillis);
        BackoffParameters.requireMultiplier(policy, multiplier, 1.0, multiplierAbove1);
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
