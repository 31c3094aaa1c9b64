package dev.jitterbug.fx.bridge;

import dev.jitterbug.platform.HandOffTimer;
import dev.jitterbug.platform.Scheduler;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
        // A closed window's late events must not fail: a closed timer just runs nothing.
        return HandOffTimer.schedule(timer, fxThread, task, delayMillis);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
