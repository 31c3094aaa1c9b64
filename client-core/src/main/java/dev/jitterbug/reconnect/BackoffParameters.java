package dev.jitterbug.reconnect;

/** Checks and shared arithmetic for the policies' parameters, so each policy stays a few lines. */
final class BackoffParameters {
    private BackoffParameters() {
    }

    static void requireBaseAndCap(String policy, long baseMillis, long capMillis) {
        if (baseMillis < 0) {
            throw new IllegalArgumentException(policy + ": the base delay must not be negative (was " + baseMillis + " ms)");
        }
        if (capMillis < baseMillis) {
            throw new IllegalArgumentException(policy + ": the cap (" + capMillis
                    + " ms) must be at least the base delay (" + baseMillis + " ms)");
        }
    }

    static void requireMultiplier(String policy, double multiplier, double atLeast, boolean strictly) {
        boolean ok = Double.isFinite(multiplier) && (strictly ? multiplier > atLeast : multiplier >= atLeast);
        if (!ok) {
            throw new IllegalArgumentException(policy + ": the multiplier must be " + (strictly ? "greater than " : "at least ")
                    + atLeast + " (was " + multiplier + ")");
        }
    }

    static void requireAttempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1 (was " + attempt + ")");
        }
    }

    /** {@code min(cap, base * multiplier^(attempt-1))} without overflowing for large attempts. */
    static double exponential(long baseMillis, double multiplier, int attempt, long capMillis) {
        double value = baseMillis * Math.pow(multiplier, attempt - 1);
        return Double.isNaN(value) || value > capMillis ? capMillis : value;
    }
}
