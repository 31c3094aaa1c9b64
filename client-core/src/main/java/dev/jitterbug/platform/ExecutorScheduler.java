package dev.jitterbug.platform;

import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The JVM (and Android) scheduler: one daemon thread per client, real time. */
public final class ExecutorScheduler implements ClientScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);
    private final ScheduledExecutorService executor;

    public ExecutorScheduler(String threadName) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(guarded(task));
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        if (executor.isShutdown()) {
            return () -> { };
        }
        ScheduledFuture<?> future = executor.schedule(guarded(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    /** An executor swallows a task's exception silently; a bug must at least leave a trace in the log. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("A task on the client's event thread failed", e);
                throw e;
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
