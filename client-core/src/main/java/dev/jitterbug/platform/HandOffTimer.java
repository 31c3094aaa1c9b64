package dev.jitterbug.platform;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A task due later that a timer thread hands to another executor (the FX thread, a client's lane of a shared loop)
 * when its time comes. Cancelling it must also stop it once it is due but still queued there: its owner cancels it
 * from that executor (the answer to a ping cancels the ping's deadline), and with a single thread for both the task
 * could never have been waiting in between.
 */
public final class HandOffTimer implements Runnable, Scheduler.Cancellable {
    private final Runnable task;
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> future;

    private HandOffTimer(Runnable task) {
        this.task = task;
    }

    /** Schedules {@code task} on {@code timers}, to run through {@code runOn}; a closed timer runs nothing. */
    public static Scheduler.Cancellable schedule(ScheduledExecutorService timers, Executor runOn, Runnable task,
            long delayMillis) {
        HandOffTimer scheduled = new HandOffTimer(task);
        try {
            scheduled.future = timers.schedule(() -> runOn.execute(scheduled), Math.max(0, delayMillis),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            scheduled.cancel(); // shutting down: nothing is left to run it for
        }
        return scheduled;
    }

    @Override
    public void run() {
        if (!cancelled) {
            task.run();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        ScheduledFuture<?> due = future;
        if (due != null) {
            due.cancel(false);
        }
    }
}
