package dev.jitterbug.reconnect;

import dev.jitterbug.config.BackoffAlgorithm;
import dev.jitterbug.config.HardLimits;
import dev.jitterbug.config.RetryConfig;

/**
 * The shape of one kind of retry: the backoff algorithm and its base, cap and multiplier, the floor no backoff goes
 * below, the window a first server-side failure is spread over and the quick window. Session reconnects take it
 * from the retry config ({@link #of(RetryConfig)}); the product's other retries have fixed shapes below.
 */
public final class RetryPolicy {
    /** Rejoining a room that went away or refused us: spread over 10 s, then 1 s … 1 min. */
    public static final RetryPolicy ROOM_REJOIN = smooth(1_000, 60_000, 10_000, 500);
    /** Repeating a failed BOSH exchange (XEP-0124 §14.3): 0.2 s … 3.2 s. */
    public static final RetryPolicy BOSH_RESEND = smooth(200, 3_200, 1_000, 100);
    /** Asking an archive again after its catch-up failed or stalled: 2 s … 64 s. */
    public static final RetryPolicy CATCH_UP_RETRY = smooth(2_000, 64_000, 2_000, 500);
    /** Fetching the retry config again after a failure: 30 s, 1, 2, 4 … min up to 1 h, the second half jittered. */
    public static final RetryPolicy CONFIG_FETCH = new RetryPolicy(BackoffAlgorithm.EQUAL_JITTER, 30_000, 3_600_000, 2.0,
            30_000, 1_000, 0);

    private final BackoffAlgorithm algorithm;
    private final long baseMillis;
    private final long capMillis;
    private final double multiplier;
    private final long spreadMillis;
    private final long quickWindowMillis;
    private final long floorMillis;

    private RetryPolicy(BackoffAlgorithm algorithm, long baseMillis, long capMillis, double multiplier,
            long spreadMillis, long quickWindowMillis, long floorMillis) {
        this.algorithm = algorithm;
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.multiplier = multiplier;
        this.spreadMillis = spreadMillis;
        this.quickWindowMillis = quickWindowMillis;
        this.floorMillis = floorMillis;
    }

    /**
     * The session reconnect policy a retry config describes, pulled inside the hard limits first (a config built in
     * code never went through validation). The simulator's anti-patterns, which no document can name, run as given.
     */
    public static RetryPolicy of(RetryConfig config) {
        RetryConfig limited = config.algorithm().documentAllowed() ? HardLimits.clamp(config) : config;
        return new RetryPolicy(limited.algorithm(), limited.baseMillis(), limited.capMillis(), limited.multiplier(),
                limited.serverFailureSpreadMillis(), limited.blipRetryWindowMillis(), HardLimits.MIN_RETRY_DELAY_MILLIS);
    }

    private static RetryPolicy smooth(long baseMillis, long capMillis, long spreadMillis, long floorMillis) {
        return new RetryPolicy(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH, baseMillis, capMillis, 3.0, spreadMillis,
                1_000, floorMillis);
    }

    public BackoffAlgorithm algorithm() {
        return algorithm;
    }

    public long baseMillis() {
        return baseMillis;
    }

    public long capMillis() {
        return capMillis;
    }

    public double multiplier() {
        return multiplier;
    }

    public long spreadMillis() {
        return spreadMillis;
    }

    public long quickWindowMillis() {
        return quickWindowMillis;
    }

    public long floorMillis() {
        return floorMillis;
    }

    BackoffPolicy backoff() {
        return BackoffPolicies.create(algorithm, baseMillis, capMillis, multiplier);
    }

    @Override
    public String toString() {
        return algorithm.jsonName() + " base=" + baseMillis + " cap=" + capMillis + " x" + multiplier + " spread="
                + spreadMillis + " quick=" + quickWindowMillis + " floor=" + floorMillis;
    }
}
