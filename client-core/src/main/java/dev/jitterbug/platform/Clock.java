package dev.jitterbug.platform;

/** The time source the core reads. Tests and the storm simulator substitute virtual time. */
public interface Clock {
    /** Milliseconds since the epoch (wall clock, for timestamps people read). */
    long currentTimeMillis();

    /** A monotonic reading in milliseconds, for measuring intervals and deadlines. */
    long monotonicMillis();
}
