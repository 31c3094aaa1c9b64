package dev.jitterbug.bench;

import dev.jitterbug.SharedResources;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.ProsodyServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Heap bytes and threads per idle connected session: N Jitterbug clients over WebSocket straight to Prosody (no
 * proxy, whose buffers would count), sharing one HTTP client, in two variants side by side in one run: each client
 * with an event thread of its own, and all clients on one shared event loop. Used heap after full GCs with all N
 * online and their login workers retired, minus before, divided by N; the class histogram's growth names where the
 * bytes go. Size: {@code -Dbench.heap.sessions} (default 1000).
 */
final class HeapPerSessionBenchmark {
    private static final long GOAL_BYTES = 24 * 1000;
    private static final double GOAL_THREADS = 0.05;
    private static final int TOP_CLASSES = 10;

    private HeapPerSessionBenchmark() {
    }

    /** One variant's measurement; a child JVM prints it, the parent parses it. */
    private record Result(String variant, int online, long before, long after, int threadsBefore, int threadsAfter,
            List<HeapHistogram.Growth> top) {
        void print() {
            System.out.printf(Locale.ROOT, "HEAP-RESULT\t%s\t%d\t%d\t%d\t%d\t%d%n", variant, online, before, after,
                    threadsBefore, threadsAfter);
            for (HeapHistogram.Growth g : top) {
                System.out.printf(Locale.ROOT, "HEAP-TOP\t%s\t%d\t%d%n", g.className(), g.instances(), g.bytes());
            }
        }

        static Result parse(String fallbackName, List<String> lines) {
            Result result = null;
            List<HeapHistogram.Growth> top = new ArrayList<>();
            for (String line : lines) {
                String[] f = line.split("\t");
                if (f[0].equals("HEAP-RESULT")) {
                    result = new Result(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                            Integer.parseInt(f[5]), Integer.parseInt(f[6]), top);
                } else if (f[0].equals("HEAP-TOP")) {
                    top.add(new HeapHistogram.Growth(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
                }
            }
            if (result == null) {
                throw new IllegalStateException("the " + fallbackName + " run printed no result");
            }
            return result;
        }

        long perSession() {
            return (after - before) / Math.max(1, online);
        }

        double threadsPerSession() {
            return (threadsAfter - threadsBefore) / (double) Math.max(1, online);
        }
    }

    /** The variants: 0 gives each client its own event thread, more share that many. */
    private static final String[] VARIANTS = {"an event thread per client", "shared event loop"};

    /**
     * Each variant in a fresh JVM of its own, one after the other in this run: in one JVM the second variant would
     * inherit the first one's warmed pools and dying threads, and look better than it is.
     */
    static void main(String[] args) throws Exception {
        String variant = System.getProperty("bench.heap.variant");
        if (variant != null) {
            measureHere(Integer.parseInt(variant));
            return;
        }
        int sessions = BenchOutput.intProperty("bench.heap.sessions", 1000);
        List<Result> results = new ArrayList<>();
        for (int v = 0; v < VARIANTS.length; v++) {
            results.add(runInFreshJvm(v, sessions));
        }
        write(sessions, results);
    }

    private static Result runInFreshJvm(int variant, int sessions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + Runtime.getRuntime().maxMemory() / 1048576 + "m", "-Djava.awt.headless=true",
                "-Dbench=heap", "-Dbench.heap.variant=" + variant, "-Dbench.heap.sessions=" + sessions,
                "-cp", System.getProperty("java.class.path"), Benchmarks.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("  [" + VARIANTS[variant] + "] " + line);
                lines.add(line);
            }
        }
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the " + VARIANTS[variant] + " run failed: exit " + child.exitValue());
        }
        return Result.parse(VARIANTS[variant], lines);
    }

    private static void measureHere(int variant) throws Exception {
        int sessions = BenchOutput.intProperty("bench.heap.sessions", 1000);
        int loopThreads = variant == 0 ? 0 : Math.max(2, Runtime.getRuntime().availableProcessors());
        try (ProsodyServer server = ProsodyServer.create()) {
            BenchFleet.createAccounts(server, sessions + 1);
            server.start();
            // One session first, closed again, so that class loading and OkHttp's shared pools are not counted.
            try (BenchFleet warmUp = BenchFleet.start(SharedResources.forSessions(1, loopThreads), server,
                    server.webSocketUri(), 1, RetryConfig::defaults, 10, 30_000)) {
                Thread.sleep(500);
            }
            Thread.sleep(2_000); // the warm-up session's threads end
            measure(server, sessions, loopThreads).print();
        }
    }

    private static Result measure(ProsodyServer server, int sessions, int loopThreads) throws Exception {
        awaitNoLoginWorkers();
        long before = usedHeapAfterGc();
        Map<String, long[]> histogramBefore = HeapHistogram.take();
        int threadsBefore = Thread.activeCount();
        try (BenchFleet fleet = BenchFleet.start(SharedResources.forSessions(sessions, loopThreads), server,
                server.webSocketUri(), sessions, RetryConfig::defaults, 50, 60_000L + sessions * 100L)) {
            Thread.sleep(3_000); // presence, carbons and their answers settle
            awaitNoLoginWorkers(); // an idle session keeps no login thread: wait until they have retired
            int online = fleet.online();
            long after = usedHeapAfterGc();
            Map<String, long[]> histogramAfter = HeapHistogram.take();
            int threadsAfter = Thread.activeCount();
            return new Result(loopThreads == 0 ? VARIANTS[0] : VARIANTS[1] + " (" + loopThreads + " threads)", online,
                    before, after, threadsBefore, threadsAfter,
                    HeapHistogram.topGrowth(histogramBefore, histogramAfter, TOP_CLASSES));
        }
    }

    private static void write(int sessions, List<Result> results) throws Exception {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Heap and threads per idle connected session:"
                + " %,d Jitterbug clients over WebSocket to one Prosody on loopback, one shared HTTP client, built-in"
                + " retry config; both variants in one run, each in a fresh JVM.%n%n| variant | sessions online | used heap before |"
                + " used heap after | per session | goal <= 24 KB | threads per session | goal <= %.2f |%n"
                + "|---|---:|---:|---:|---:|---|---:|---|%n", sessions, GOAL_THREADS));
        StringBuilder csv = new StringBuilder("variant,sessions,online,heap_before_bytes,heap_after_bytes,"
                + "bytes_per_session,threads_per_session\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f MiB | %.1f MiB | %,d bytes (%.1f KiB) | %s | %.2f |"
                    + " %s |%n", r.variant(), r.online(), r.before() / 1048576.0, r.after() / 1048576.0,
                    r.perSession(), r.perSession() / 1024.0, r.perSession() <= GOAL_BYTES ? "met" : "missed",
                    r.threadsPerSession(), r.threadsPerSession() <= GOAL_THREADS ? "met" : "missed"));
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.3f%n", r.variant(), sessions, r.online(),
                    r.before(), r.after(), r.perSession(), r.threadsPerSession()));
        }
        if (results.size() == 2) {
            Result own = results.get(0);
            Result shared = results.get(1);
            md.append(String.format(Locale.ROOT, "%nShared loop ÷ own threads: heap %.2f, threads %.2f.%n",
                    shared.perSession() / (double) Math.max(1, own.perSession()),
                    shared.threadsPerSession() / Math.max(0.001, own.threadsPerSession())));
        }
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "%nWhere the bytes go (%s): the %d classes whose heap grew most, per"
                    + " session%n%n| class | instances per session | bytes per session |%n|---|---:|---:|%n",
                    r.variant(), TOP_CLASSES));
            for (HeapHistogram.Growth g : r.top()) {
                md.append(String.format(Locale.ROOT, "| `%s` | %.1f | %,.0f |%n", g.className(),
                        g.instances() / (double) Math.max(1, r.online()), g.bytes() / (double) Math.max(1, r.online())));
            }
        }
        md.append(String.format(Locale.ROOT, "%nUsed heap after three System.gc() calls, once every login worker has"
                + " retired (an idle session keeps none). Thread stacks (not heap) come on top. OkHttp reads each"
                + " WebSocket on a thread of its own, so even on the shared loop a session keeps one thread.%n"
                + "Machine: %s.%n", BenchOutput.machine()));
        Path dir = BenchOutput.directory();
        BenchOutput.write(dir.resolve("heap-per-session.md"), md.toString());
        BenchOutput.write(dir.resolve("heap-per-session.csv"), csv.toString());
        System.out.print(md);
    }

    private static void awaitNoLoginWorkers() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("jitterbug-login-"))) {
            Thread.sleep(250);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
