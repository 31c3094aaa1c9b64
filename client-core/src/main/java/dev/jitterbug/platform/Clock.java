package dev.jitterbug.platform;

/** The time source the core reads. Tests and the storm simulator substitute virtual time. */
public interface Clock {
    /** The machine's clocks: the wall clock, and {@link System#nanoTime()} (which stands still while it sleeps). */
    Clock SYSTEM = new Clock() {
        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public long monotonicMillis() {
            return System.nanoTime() / 1_000_000L;
        }
    };

    /** Milliseconds since the epoch (wall clock, for timestamps people read). */
    long currentTimeMillis();

    /** A monotonic reading in milliseconds, for measuring intervals and deadlines. */
    long monotonicMillis();
}
