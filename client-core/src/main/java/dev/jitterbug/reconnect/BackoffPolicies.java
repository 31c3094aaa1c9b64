package dev.jitterbug.reconnect;


/** Builds the policy an algorithm names, with its base, cap and multiplier. */
public final class BackoffPolicies {
    private BackoffPolicies() {
    }

    public static BackoffPolicy create(BackoffAlgorithm algorithm, long baseMillis, long capMillis, double multiplier) {
        switch (algorithm) {
            case NONE:
                return new NoBackoff();
            case FIXED:
                return new FixedBackoff(baseMillis);
            case EXPONENTIAL:
                return new ExponentialBackoff(baseMillis, capMillis, multiplier);
            case FULL_JITTER:
                return new FullJitterBackoff(baseMillis, capMillis, multiplier);
            case EQUAL_JITTER:
                return new EqualJitterBackoff(baseMillis, capMillis, multiplier);
            case DECORRELATED_JITTER:
                return new DecorrelatedJitterBackoff(baseMillis, capMillis, multiplier);
            case DECORRELATED_JITTER_SMOOTH:
                return new SmoothDecorrelatedJitterBackoff(baseMillis, capMillis, multiplier);
            default:
                throw new IllegalArgumentException("no backoff policy for algorithm " + algorithm);
        }
    }
}
