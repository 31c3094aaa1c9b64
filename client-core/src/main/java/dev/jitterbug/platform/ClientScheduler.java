package dev.jitterbug.platform;

/** A client's own serial scheduler, in real time, which the client closes when it is closed. */
public interface ClientScheduler extends Scheduler, AutoCloseable {
    @Override
    default long currentTimeMillis() {
        return Clock.SYSTEM.currentTimeMillis();
    }

    @Override
    default long monotonicMillis() {
        return Clock.SYSTEM.monotonicMillis();
    }

    /** Drops what is queued and scheduled; later tasks are ignored. */
    @Override
    void close();
}
