package dev.jitterbug.reconnect;

import dev.jitterbug.config.BackoffAlgorithm;
import dev.jitterbug.config.RetryConfig;

/** Builds the policy a retry config names, with the config's base, cap and multiplier. */
public final class BackoffPolicies {
    private BackoffPolicies() {
    }

    public static BackoffPolicy forConfig(RetryConfig config) {
        return create(config.algorithm(), config.baseMillis(), config.capMillis(), config.multiplier());
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
