package dev.jitterbug.reconnect;

/**
 * Where the jitter comes from. Tiny on purpose: tests and the storm simulator pass a seeded source so every run
 * repeats exactly; real clients pass {@link SplitMixRandomSource#fromEntropy()} so no two clients share a sequence.
 */
public interface RandomSource {
    /** A uniformly distributed value in [0, 1). */
    double nextDouble();

    /** A uniformly distributed value in [low, high); {@code low} when the range is empty. */
    default double uniform(double low, double high) {
        return high <= low ? low : low + (high - low) * nextDouble();
    }
}
