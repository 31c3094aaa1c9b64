package dev.jitterbug.bench;

import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.SharedResources;
import dev.jitterbug.testing.ProsodyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's sustained session-acquisition capacity C on this machine: K loggers in a closed loop, each creating a
 * Jitterbug client, logging in over WebSocket (what a reconnecting client does: SASL2 + Bind2 with SCRAM, XEP-0198
 * enable, presence, carbons) and signing out again, as fast as the server answers. C = logins completed per second
 * after a warm-up. Size: {@code -Dbench.capacity.loggers} (default 16), {@code -Dbench.capacity.seconds} (default 20).
 */
final class CapacityBenchmark {
    private static final long WARM_UP_MILLIS = 3_000;
    private static final long LOGIN_TIMEOUT_MILLIS = 30_000;

    private CapacityBenchmark() {
    }

    static void main(String[] args) throws Exception {
        try (ProsodyServer server = ProsodyServer.create()) {
            measure(server);
        }
    }

    /** Measures C against {@code server} (started here if needed) and writes capacity.md / capacity.csv. */
    static double measure(ProsodyServer server) throws IOException, InterruptedException {
        int loggers = BenchOutput.intProperty("bench.capacity.loggers", 16);
        int seconds = BenchOutput.intProperty("bench.capacity.seconds", 20);
        for (int i = 0; i < loggers; i++) {
            server.account("logger" + i, "pw-" + i);
        }
        server.start();
        List<Long> loginDoneNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + (WARM_UP_MILLIS + seconds * 1000L) * 1_000_000L;
        List<Thread> threads = new ArrayList<>();
        try (SharedResources shared = SharedResources.forSessions(loggers * 2)) {
            for (int i = 0; i < loggers; i++) {
                int index = i;
                Thread thread = new Thread(() -> loginLoop(server, shared, index, end, loginDoneNanos, failures),
                        "capacity-logger-" + i);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        long measuredFrom = start + WARM_UP_MILLIS * 1_000_000L;
        int[] perSecond = new int[seconds];
        int counted = 0;
        synchronized (loginDoneNanos) {
            for (long done : loginDoneNanos) {
                if (done >= measuredFrom && done < end) {
                    perSecond[(int) ((done - measuredFrom) / 1_000_000_000L)]++;
                    counted++;
                }
            }
        }
        double capacity = counted / (double) seconds;
        write(loggers, seconds, perSecond, capacity, failures.get());
        return capacity;
    }

    private static void loginLoop(ProsodyServer server, SharedResources shared, int index, long endNanos,
            List<Long> done, AtomicInteger failures) {
        while (System.nanoTime() < endNanos) {
            CountDownLatch online = new CountDownLatch(1);
            JitterbugClient client = JitterbugClient.create(ClientOptions.builder(
                    Jid.parse(server.jid("logger" + index)), ("pw-" + index).toCharArray())
                    .endpoint(server.webSocketUri()).sharedResources(shared).build());
            client.addListener(new ClientListener() {
                @Override
                public void onConnectionEvent(ConnectionEvent event) {
                    if (event.state() == ConnectionState.CONNECTED) {
                        online.countDown();
                    }
                }
            });
            client.connect();
            try {
                if (online.await(LOGIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    done.add(System.nanoTime());
                } else {
                    failures.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                client.close();
            }
        }
    }

    private static void write(int loggers, int seconds, int[] perSecond, double capacity, int failures)
            throws IOException {
        Path dir = BenchOutput.directory();
        StringBuilder csv = new StringBuilder("second,logins\n");
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int s = 0; s < perSecond.length; s++) {
            csv.append(s).append(',').append(perSecond[s]).append('\n');
            min = Math.min(min, perSecond[s]);
            max = Math.max(max, perSecond[s]);
        }
        BenchOutput.write(dir.resolve("capacity.csv"), csv.toString());
        String md = String.format(Locale.ROOT, "Session-acquisition capacity of one Prosody 0.12 on this machine: %d"
                + " closed-loop loggers over WebSocket (SCRAM-SHA-256 via SASL2 + Bind2, SM enable, presence, carbons),"
                + " then sign-out; %d s measured after a %d s warm-up.%n%n"
                + "| loggers | logins/s (C) | slowest second | fastest second | logins timed out |%n"
                + "|---:|---:|---:|---:|---:|%n| %d | %.1f | %d | %d | %d |%n%n"
                + "Client and server share the machine's cores, as in the storms.%nMachine: %s.%n",
                loggers, seconds, WARM_UP_MILLIS / 1000, loggers, capacity, min, max, failures, BenchOutput.machine());
        BenchOutput.write(dir.resolve("capacity.md"), md);
        System.out.print(md);
    }
}
