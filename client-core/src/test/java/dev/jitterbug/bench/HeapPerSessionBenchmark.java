package dev.jitterbug.bench;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.ProsodyServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Heap bytes per idle connected session: N Jitterbug clients over WebSocket straight to Prosody (no proxy, whose
 * buffers would count), sharing one HTTP client; used heap after full GCs with all N online, minus before, divided
 * by N. Threads' stacks are outside the heap: the thread count is reported beside it. Size:
 * {@code -Dbench.heap.sessions} (default 1000).
 */
final class HeapPerSessionBenchmark {
    private static final long GOAL_BYTES = 64 * 1024;

    private HeapPerSessionBenchmark() {
    }

    static void main(String[] args) throws Exception {
        int sessions = BenchOutput.intProperty("bench.heap.sessions", 1000);
        long before;
        long after;
        int threadsBefore;
        int threadsAfter;
        int online;
        try (ProsodyServer server = ProsodyServer.create()) {
            BenchFleet.createAccounts(server, sessions + 1);
            server.start();
            // One session first, closed again, so that class loading and OkHttp's shared pools are not counted.
            try (BenchFleet warmUp = BenchFleet.start(server, server.webSocketUri(), 1, RetryConfig::defaults, 10,
                    30_000)) {
                Thread.sleep(500);
            }
            Thread.sleep(1_000);
            before = usedHeapAfterGc();
            threadsBefore = Thread.activeCount();
            try (BenchFleet fleet = BenchFleet.start(server, server.webSocketUri(), sessions, RetryConfig::defaults,
                    50, 60_000L + sessions * 100L)) {
                Thread.sleep(3_000); // presence, carbons and their answers settle; login workers stay idle
                online = fleet.online();
                after = usedHeapAfterGc();
                threadsAfter = Thread.activeCount();
            }
        }
        long perSession = (after - before) / Math.max(1, online);
        String md = String.format(Locale.ROOT, "Heap per idle connected session: %,d Jitterbug clients over WebSocket"
                + " to one Prosody on loopback (%,d online), one shared HTTP client, built-in retry config.%n%n"
                + "| sessions online | used heap before | used heap after | per session | goal <= 64 KiB |"
                + " threads per session |%n|---:|---:|---:|---:|---|---:|%n"
                + "| %,d | %.1f MiB | %.1f MiB | %,d bytes (%.1f KiB) | %s | %.2f |%n%n"
                + "Used heap after three System.gc() calls. Thread stacks (not heap) come on top: each client has an"
                + " event thread, and OkHttp reads each WebSocket on its own thread.%nMachine: %s.%n",
                sessions, online, online, before / 1048576.0, after / 1048576.0, perSession, perSession / 1024.0,
                perSession <= GOAL_BYTES ? "met" : "missed", (threadsAfter - threadsBefore) / (double) Math.max(1, online),
                BenchOutput.machine());
        Path dir = BenchOutput.directory();
        BenchOutput.write(dir.resolve("heap-per-session.md"), md);
        BenchOutput.write(dir.resolve("heap-per-session.csv"), String.format(Locale.ROOT,
                "sessions,online,heap_before_bytes,heap_after_bytes,bytes_per_session,threads_per_session%n"
                        + "%d,%d,%d,%d,%d,%.2f%n", sessions, online, before, after, perSession,
                (threadsAfter - threadsBefore) / (double) Math.max(1, online)));
        System.out.print(md);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
