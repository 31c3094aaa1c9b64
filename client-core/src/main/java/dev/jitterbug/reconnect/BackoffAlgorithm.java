package dev.jitterbug.reconnect;

/**
 * The backoff strategies. JSON names in {@link #jsonName()}. Only the jittered ones without a pile-up may come from
 * a document ({@link #documentAllowed()}); the others exist so the storm simulator can show what they do to a fleet.
 */
public enum BackoffAlgorithm {
    /** Retry at once, every time (the anti-pattern). Simulator only. */
    NONE("none", false),
    /** The same delay every time: {@code base}. No jitter: a fleet retries in lock-step. Simulator only. */
    FIXED("fixed", false),
    /** {@code min(cap, base * multiplier^(attempt-1))}, no jitter. Simulator only. */
    EXPONENTIAL("exponential", false),
    /** {@code uniform(0, min(cap, base * multiplier^(attempt-1)))}. */
    FULL_JITTER("full-jitter", true),
    /** Half the exponential delay fixed, half jittered. */
    EQUAL_JITTER("equal-jitter", true),
    /** AWS as published: {@code min(cap, uniform(base, previous * multiplier))}; piles clients up at exactly the cap. Simulator only. */
    DECORRELATED_JITTER("decorrelated-jitter", false),
    /** Decorrelated jitter without the pile-up at the cap: jitter stays present at every attempt. The default. */
    DECORRELATED_JITTER_SMOOTH("decorrelated-jitter-smooth", true);

    private final String jsonName;
    private final boolean documentAllowed;

    BackoffAlgorithm(String jsonName, boolean documentAllowed) {
        this.jsonName = jsonName;
        this.documentAllowed = documentAllowed;
    }

    public String jsonName() {
        return jsonName;
    }

    /**
     * Whether a retry-config document may name it. The others would let a fleet share a delay (no jitter, or a
     * clamp that piles clients onto the cap), so a config server can never switch them on.
     */
    public boolean documentAllowed() {
        return documentAllowed;
    }

    public static BackoffAlgorithm fromJsonName(String name) {
        for (BackoffAlgorithm algorithm : values()) {
            if (algorithm.jsonName.equals(name)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown backoff algorithm '" + name + "'");
    }
}
