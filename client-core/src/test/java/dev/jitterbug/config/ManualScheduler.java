package dev.jitterbug.config;

import dev.jitterbug.platform.Scheduler;
import java.util.ArrayList;
import java.util.List;

/** A single-threaded scheduler on virtual time: tasks run only when the test calls {@link #runDue()} or advances. */
final class ManualScheduler implements Scheduler {
    private final List<Task> tasks = new ArrayList<>();
    private long now = 1_000_000;
    private long sequence;

    @Override
    public long currentTimeMillis() {
        return 1_700_000_000_000L + now;
    }

    @Override
    public long monotonicMillis() {
        return now;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(new Task(now, sequence++, task));
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        Task scheduled = new Task(now + Math.max(0, delayMillis), sequence++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (ManualScheduler.this) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Runs every task that is due now, including those they queue. */
    void runDue() {
        for (Task next = takeDue(); next != null; next = takeDue()) {
            next.runnable.run();
        }
    }

    /** Moves time forward, running tasks in order as their time comes. */
    void advance(long millis) {
        long end = now + millis;
        runDue();
        while (true) {
            Task next = earliest();
            if (next == null || next.at > end) {
                break;
            }
            now = next.at;
            runDue();
        }
        now = end;
        runDue();
    }

    /** When the next scheduled task is due, relative to now, or -1 when nothing is scheduled. */
    synchronized long nextDueIn() {
        Task next = earliest();
        return next == null ? -1 : next.at - now;
    }

    private synchronized Task takeDue() {
        Task next = earliest();
        if (next != null && next.at <= now) {
            tasks.remove(next);
            return next;
        }
        return null;
    }

    private synchronized Task earliest() {
        Task best = null;
        for (Task t : tasks) {
            if (best == null || t.at < best.at || (t.at == best.at && t.seq < best.seq)) {
                best = t;
            }
        }
        return best;
    }

    private static final class Task {
        final long at;
        final long seq;
        final Runnable runnable;

        Task(long at, long seq, Runnable runnable) {
            this.at = at;
            this.seq = seq;
            this.runnable = runnable;
        }
    }
}
