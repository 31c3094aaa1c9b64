package dev.jitterbug.platform;

/**
 * Runs the core's timed work: reconnect waits, ping deadlines, config refreshes. Each client owns one
 * serial scheduler, so everything it runs happens on one thread, in order. Virtual-time implementations let the
 * tests and the storm simulator run hours of backoff in milliseconds.
 */
public interface Scheduler extends Clock {
    /** Runs the task as soon as possible, after everything already queued. */
    void execute(Runnable task);

    /** Runs the task once after the delay; the returned handle cancels it if it has not run yet. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        /** Cancels the task; a no-op if it already ran or was cancelled. */
        void cancel();
    }
}
