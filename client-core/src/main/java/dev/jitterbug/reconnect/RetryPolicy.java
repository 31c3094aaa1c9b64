package dev.jitterbug.reconnect;

/**
 * The shape of one kind of retry: the backoff algorithm and its base, cap and multiplier, the floor no backoff goes
 * below, the window a first server-side failure is spread over, the quick window, and how long one attempt may take.
 * Session reconnects take theirs from the retry config in force ({@code RetryConfig.reconnectPolicy()}, or
 * {@link #BUILT_IN_RECONNECT}); the product's other retries have fixed shapes below.
 */
public final class RetryPolicy {
    /** No wait is ever longer than this (1 hour), whatever a policy says. */
    public static final long LONGEST_WAIT_MILLIS = 3_600_000;
    /** The smallest backoff wait of a session reconnect (500 ms), whatever a policy says. */
    public static final long RECONNECT_FLOOR_MILLIS = 500;
    /** The shortest time a connection attempt is given (2 s), whatever a policy says. */
    public static final long SHORTEST_ATTEMPT_MILLIS = 2_000;

    /** Session reconnects before any retry config was fetched: the retry config's defaults are these. */
    public static final RetryPolicy BUILT_IN_RECONNECT = reconnect(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH, 1_000,
            120_000, 3.0, 30_000, 1_000, 30_000);
    /** Rejoining a room that went away or refused us: spread over 10 s, then 1 s … 1 min. */
    public static final RetryPolicy ROOM_REJOIN = smooth(1_000, 60_000, 10_000, 500);
    /**
     * Repeating a failed BOSH exchange (XEP-0124 §14.3): 0.3 s … 3.2 s. Not sooner: a repeat that reaches Prosody
     * before it has seen the old connection die is held beside the dead request, which gets the next answer.
     */
    public static final RetryPolicy BOSH_RESEND = smooth(300, 3_200, 1_000, 300);
    /** Asking an archive again after its catch-up failed or stalled: 2 s … 64 s. */
    public static final RetryPolicy CATCH_UP_RETRY = smooth(2_000, 64_000, 2_000, 500);
    /** Fetching the retry config again after a failure: 30 s, 1, 2, 4 … min up to 1 h, the second half jittered. */
    public static final RetryPolicy CONFIG_FETCH = new RetryPolicy(BackoffAlgorithm.EQUAL_JITTER, 30_000,
            LONGEST_WAIT_MILLIS, 2.0, 30_000, 1_000, 0, 0);

    private final BackoffAlgorithm algorithm;
    private final long baseMillis;
    private final long capMillis;
    private final double multiplier;
    private final long spreadMillis;
    private final long quickWindowMillis;
    private final long floorMillis;
    private final long attemptTimeoutMillis;

    private RetryPolicy(BackoffAlgorithm algorithm, long baseMillis, long capMillis, double multiplier,
            long spreadMillis, long quickWindowMillis, long floorMillis, long attemptTimeoutMillis) {
        this.algorithm = algorithm;
        this.floorMillis = Math.max(0, floorMillis);
        this.capMillis = Math.max(this.floorMillis, Math.min(capMillis, LONGEST_WAIT_MILLIS));
        this.baseMillis = Math.max(0, Math.min(baseMillis, this.capMillis));
        this.multiplier = Double.isNaN(multiplier) ? 1.0 : Math.max(1.0, Math.min(multiplier, 10.0));
        this.spreadMillis = Math.max(0, Math.min(spreadMillis, LONGEST_WAIT_MILLIS));
        this.quickWindowMillis = Math.max(0, Math.min(quickWindowMillis, LONGEST_WAIT_MILLIS));
        this.attemptTimeoutMillis = attemptTimeoutMillis;
    }

    /**
     * A session reconnect policy. Values outside what any policy may use are pulled in (a config built in code never
     * went through validation): the cap at most {@link #LONGEST_WAIT_MILLIS}, the base within [0, cap], the
     * multiplier within [1, 10]; backoff waits never below {@link #RECONNECT_FLOOR_MILLIS}, attempts never given
     * less than {@link #SHORTEST_ATTEMPT_MILLIS}.
     */
    public static RetryPolicy reconnect(BackoffAlgorithm algorithm, long baseMillis, long capMillis, double multiplier,
            long spreadMillis, long quickWindowMillis, long attemptTimeoutMillis) {
        return new RetryPolicy(algorithm, baseMillis, capMillis, multiplier, spreadMillis, quickWindowMillis,
                RECONNECT_FLOOR_MILLIS, Math.max(SHORTEST_ATTEMPT_MILLIS, attemptTimeoutMillis));
    }

    private static RetryPolicy smooth(long baseMillis, long capMillis, long spreadMillis, long floorMillis) {
        return new RetryPolicy(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH, baseMillis, capMillis, 3.0, spreadMillis,
                1_000, floorMillis, 0);
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

    /** How long one attempt may take before it counts as timed out; 0 for retries that have no attempt deadline. */
    public long attemptTimeoutMillis() {
        return attemptTimeoutMillis;
    }

    BackoffPolicy backoff() {
        return BackoffPolicies.create(algorithm, Math.max(floorMillis, baseMillis), capMillis, multiplier);
    }

    @Override
    public String toString() {
        return algorithm.jsonName() + " base=" + baseMillis + " cap=" + capMillis + " x" + multiplier + " spread="
                + spreadMillis + " quick=" + quickWindowMillis + " floor=" + floorMillis;
    }
}
