package dev.jitterbug.platform;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few threads that many clients in one process share, instead of an event thread each: a thousand idle sessions
 * need no thousand threads. Each client gets a {@link Lane}: its tasks still run one at a time and in order (the
 * rule the engine is written for), only not always on the same thread. A task must never block.
 */
public final class SharedEventLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedEventLoop.class);
    /** Tasks one lane runs before it lets the others in: a busy client must not starve the rest. */
    private static final int BATCH = 32;

    private final ScheduledThreadPoolExecutor pool;

    public SharedEventLoop(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, "jitterbug-event-loop-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // A cancelled timer (most are: ping deadlines answered in time) must not stay queued for its whole delay.
        pool.setRemoveOnCancelPolicy(true);
    }

    /** A new serial scheduler on this loop; {@code name} appears in the log when one of its tasks fails. */
    public Lane lane(String name) {
        return new Lane(name);
    }

    /** Stops the threads; every lane stops with them. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One client's serial scheduler on the shared threads. */
    public final class Lane implements ClientScheduler {
        private final String name;
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean draining;
        private boolean closed;

        private Lane(String name) {
            this.name = name;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                if (closed || pool.isShutdown()) {
                    return;
                }
                queue.add(task);
                if (draining) {
                    return;
                }
                draining = true;
            }
            if (!submit(this::drain)) {
                synchronized (this) {
                    draining = false;
                }
            }
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMillis) {
            synchronized (this) {
                if (closed || pool.isShutdown()) {
                    return () -> { };
                }
            }
            // Due timers queue behind the lane's tasks: one cancelled meanwhile must still not run.
            return HandOffTimer.schedule(pool, this::execute, task, delayMillis);
        }

        private void drain() {
            for (int i = 0; i < BATCH; i++) {
                Runnable next;
                synchronized (this) {
                    next = closed ? null : queue.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("A task of {} failed", name, e);
                }
            }
            submit(this::drain); // more queued: to the back of the line, behind the other lanes
        }

        private boolean submit(Runnable drainer) {
            try {
                pool.execute(drainer);
                return true;
            } catch (RejectedExecutionException closing) {
                return false; // the loop was closed: so is every lane
            }
        }

        /** Queued tasks not yet run: for tests. */
        synchronized int queuedTasks() {
            return queue.size();
        }

        /** Drops what is queued; timers still pending find the lane closed when they fire and do nothing. */
        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                queue.clear();
            }
        }
    }
}
