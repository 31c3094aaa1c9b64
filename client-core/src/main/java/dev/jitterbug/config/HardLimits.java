package dev.jitterbug.config;

/**
 * The last line of defence: whatever a configuration says, the client never goes outside these limits (see
 * {@link RetryParameter} for the numbers and how they relate to the allowed ranges). A mistaken or compromised
 * config server cannot make clients retry every 10 ms, nor stop them from ever reconnecting.
 */
public final class HardLimits {
    /** No wait chosen by any policy may be shorter than this (the reconnector applies it to every delay). */
    public static final long MIN_RETRY_DELAY_MILLIS = (long) RetryParameter.BASE_MILLIS.hardMin();

    /** No wait chosen by any policy may be longer than this. */
    public static final long MAX_RETRY_DELAY_MILLIS = (long) RetryParameter.CAP_MILLIS.hardMax();

    private HardLimits() {
    }

    /** The config with every parameter pulled inside its hard limits, and the cap at least the base. */
    public static RetryConfig clamp(RetryConfig config) {
        RetryConfig.Builder clamped = config.toBuilder();
        boolean changed = false;
        for (RetryParameter p : RetryParameter.values()) {
            double value = p.valueIn(config);
            double limited = Math.max(p.hardMin(), Math.min(p.hardMax(), value));
            if (limited != value || Double.isNaN(value)) {
                p.applyTo(clamped, Double.isNaN(value) ? p.defaultValue() : limited);
                changed = true;
            }
        }
        RetryConfig result = changed ? clamped.build() : config;
        if (result.capMillis() < result.baseMillis()) {
            result = result.toBuilder().capMillis(result.baseMillis()).build();
        }
        return result;
    }

    /** Whether the config is already inside every hard limit. */
    public static boolean isWithin(RetryConfig config) {
        return clamp(config) == config;
    }
}
