package dev.jitterbug.platform;

/** A client's own serial scheduler, which the client closes when it is closed. */
public interface ClientScheduler extends Scheduler, AutoCloseable {
    /** Drops what is queued and scheduled; later tasks are ignored. */
    @Override
    void close();
}
