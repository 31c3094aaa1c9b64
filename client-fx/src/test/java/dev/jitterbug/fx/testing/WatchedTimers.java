package dev.jitterbug.fx.testing;

import dev.jitterbug.platform.Scheduler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shell's timers with a count of those still pending, so a test can wait until every timer the status line
 * started (a quiet window, a countdown tick) has run or been cancelled, instead of sleeping past it.
 */
public final class WatchedTimers implements Scheduler {
    private final Scheduler timers;
    private final AtomicInteger pending = new AtomicInteger();

    public WatchedTimers(Scheduler timers) {
        this.timers = timers;
    }

    /** Timers scheduled and neither run nor cancelled yet. */
    public int pending() {
        return pending.get();
    }

    @Override
    public long currentTimeMillis() {
        return timers.currentTimeMillis();
    }

    @Override
    public long monotonicMillis() {
        return timers.monotonicMillis();
    }

    @Override
    public void execute(Runnable task) {
        timers.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        AtomicBoolean settled = new AtomicBoolean();
        pending.incrementAndGet();
        Cancellable scheduled = timers.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                pending.decrementAndGet();
            }
            task.run();
        }, delayMillis);
        return () -> {
            scheduled.cancel();
            if (settled.compareAndSet(false, true)) {
                pending.decrementAndGet();
            }
        };
    }
}
