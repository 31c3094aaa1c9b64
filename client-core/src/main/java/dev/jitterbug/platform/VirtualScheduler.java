package dev.jitterbug.platform;

import java.util.PriorityQueue;

/**
 * A deterministic scheduler on virtual time, for tests and the storm simulator: nothing runs until the owner
 * calls {@link #advanceBy}, {@link #advanceTo}, {@link #runUntilIdle} or {@link #runNext}, and then tasks run on the
 * calling thread in (time, submission order).
 *
 * <p>Tasks may be submitted from any thread; running them is meant for one driving thread. A cancelled task stays
 * queued (cheap to cancel, no search) and is skipped when its time comes.
 */
public final class VirtualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final long epochOffsetMillis;
    private long nowMillis;
    private long nextSequence;

    /** Virtual time starts at 0; the wall clock reads {@code epochOffsetMillis + now}. */
    public VirtualScheduler(long epochOffsetMillis) {
        this.epochOffsetMillis = epochOffsetMillis;
    }

    /** Virtual time starts at 0 and the wall clock at a fixed date (2026-01-01), so runs repeat exactly. */
    public VirtualScheduler() {
        this(1_767_225_600_000L);
    }

    @Override
    public synchronized long currentTimeMillis() {
        return epochOffsetMillis + nowMillis;
    }

    @Override
    public synchronized long monotonicMillis() {
        return nowMillis;
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        Task scheduled = new Task(nowMillis + Math.max(0, delayMillis), nextSequence++, task);
        queue.add(scheduled);
        return scheduled;
    }

    /** Runs every task due within the next {@code millis}, then sets the clock to now + millis. */
    public void advanceBy(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("cannot move virtual time backwards (advanceBy " + millis + ")");
        }
        advanceTo(monotonicMillis() + millis);
    }

    /** Runs every task due at or before {@code targetMillis}, then sets the clock to it. */
    public void advanceTo(long targetMillis) {
        while (runNextDueBy(targetMillis)) {
            // keep going: tasks may schedule more tasks inside the window
        }
        synchronized (this) {
            if (targetMillis > nowMillis) {
                nowMillis = targetMillis;
            }
        }
    }

    /** Runs tasks, moving the clock forward, until none are left. */
    public void runUntilIdle() {
        while (runNextDueBy(Long.MAX_VALUE)) {
            // the loop body is the task itself
        }
    }

    /** Runs the earliest pending task (moving the clock to its time); false if there is none. */
    public boolean runNext() {
        return runNextDueBy(Long.MAX_VALUE);
    }

    /** How many tasks are queued, cancelled ones included. */
    public synchronized int queuedTasks() {
        return queue.size();
    }

    /** The time of the earliest live task, or -1 when nothing is pending. */
    public synchronized long nextTaskTimeMillis() {
        dropCancelledHead();
        Task head = queue.peek();
        return head == null ? -1 : head.timeMillis;
    }

    private boolean runNextDueBy(long limitMillis) {
        Task next;
        synchronized (this) {
            dropCancelledHead();
            next = queue.peek();
            if (next == null || next.timeMillis > limitMillis) {
                return false;
            }
            queue.poll();
            nowMillis = Math.max(nowMillis, next.timeMillis);
        }
        next.run();
        return true;
    }

    private void dropCancelledHead() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
    }

    private static final class Task implements Comparable<Task>, Cancellable {
        final long timeMillis;
        final long sequence;
        private Runnable action;
        volatile boolean cancelled;

        Task(long timeMillis, long sequence, Runnable action) {
            this.timeMillis = timeMillis;
            this.sequence = sequence;
            this.action = action;
        }

        void run() {
            Runnable toRun = action;
            action = null;
            if (!cancelled && toRun != null) {
                cancelled = true;
                toRun.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            action = null; // lets the garbage collector take what the task held while it waits in the heap
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(timeMillis, other.timeMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
