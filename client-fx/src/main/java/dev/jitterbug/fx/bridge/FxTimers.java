package dev.jitterbug.fx.bridge;

import dev.jitterbug.platform.Scheduler;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Timers for ViewModels (countdowns, the status quiet window): a small timer thread waits, then the task runs on
 * the FX thread. A task cancelled on the FX thread never runs, even if its time had already come.
 */
public final class FxTimers implements Scheduler, AutoCloseable {
    private final Executor fxThread;
    private final ScheduledExecutorService timer;

    public FxTimers(Executor fxThread) {
        this.fxThread = fxThread;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "jitterbug-fx-timers");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Timers whose tasks run on the JavaFX application thread. */
    public static FxTimers onFxThread() {
        return new FxTimers(Platform::runLater);
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public void execute(Runnable task) {
        fxThread.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        FxTask scheduled = new FxTask(task);
        try {
            scheduled.future = timer.schedule(() -> fxThread.execute(scheduled), Math.max(0, delayMillis),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            scheduled.cancel(); // the window is gone: late events must not fail, and nothing is left to update
        }
        return scheduled;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class FxTask implements Runnable, Cancellable {
        private final Runnable task;
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> future;

        FxTask(Runnable task) {
            this.task = task;
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
            ScheduledFuture<?> pending = future;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
