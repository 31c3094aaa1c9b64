package dev.jitterbug.reconnect;

import java.security.SecureRandom;

/**
 * A fast, seedable random source (SplitMix64) that holds a single {@code long}: cheap enough for a million
 * simulated clients, good enough for jitter. Not thread-safe: each reconnector uses its own from its scheduler.
 */
public final class SplitMixRandomSource implements RandomSource {
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private long state;

    public SplitMixRandomSource(long seed) {
        this.state = seed;
    }

    /** A source seeded from the OS's entropy, so clients started at the same instant still differ. */
    public static SplitMixRandomSource fromEntropy() {
        return new SplitMixRandomSource(new SecureRandom().nextLong());
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    private long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
