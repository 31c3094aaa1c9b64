package dev.jitterbug.reconnect;

/** A random source that always returns the same draw, so delays in tests are exact. */
final class ScriptedRandom implements RandomSource {
    private double value;

    ScriptedRandom(double value) {
        this.value = value;
    }

    void set(double newValue) {
        this.value = newValue;
    }

    @Override
    public double nextDouble() {
        return value;
    }
}
