package dev.jitterbug.config;

/** The backoff strategies a retry config can name. JSON names in {@link #jsonName()}. */
public enum BackoffAlgorithm {
    /** Retry at once, every time (the anti-pattern, kept for the simulator; hard floors still apply). */
    NONE("none"),
    /** The same delay every time: {@code base}. */
    FIXED("fixed"),
    /** {@code min(cap, base * multiplier^(attempt-1))}, no jitter. */
    EXPONENTIAL("exponential"),
    /** {@code uniform(0, min(cap, base * multiplier^(attempt-1)))}. */
    FULL_JITTER("full-jitter"),
    /** Half the exponential delay fixed, half jittered. */
    EQUAL_JITTER("equal-jitter"),
    /** AWS: {@code min(cap, uniform(base, previous * multiplier))}; piles clients up at exactly {@code cap}. */
    DECORRELATED_JITTER("decorrelated-jitter"),
    /** Decorrelated jitter without the pile-up at the cap: jitter stays present at every attempt. */
    DECORRELATED_JITTER_SMOOTH("decorrelated-jitter-smooth");

    private final String jsonName;

    BackoffAlgorithm(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
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
