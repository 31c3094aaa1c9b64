package dev.jitterbug.bench;

import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.SharedResources;
import dev.jitterbug.testing.InMemorySecretStore;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.XmppTestServer;
import java.net.URI;
import java.util.function.LongSupplier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's sustained session-acquisition capacity C on this machine: K loggers in a closed loop, each a
 * Jitterbug client logging in over WebSocket (what a reconnecting client does: SASL2 + Bind2 with SCRAM, XEP-0198
 * enable, presence, carbons), signing out and logging in again, as fast as the server answers. The clients share a secret store
 * (as one desktop app's keychain would), so they keep their SCRAM keys between logins; the server stores hashed
 * credentials, as production servers do. Two windows in one run: the first 5 s on a cold JVM, and
 * {@code -Dbench.capacity.seconds} (default 20) after a warm-up of {@code -Dbench.capacity.warmup.seconds} (default
 * 10). Each reports the CPU both sides spent per login; a window where the client is the bottleneck is marked invalid
 * ({@link CpuMeter}). Size: {@code -Dbench.capacity.loggers} (default 16).
 */
final class CapacityBenchmark {
    private static final long COLD_WINDOW_MILLIS = 5_000;
    private static final long LOGIN_TIMEOUT_MILLIS = 30_000;

    private CapacityBenchmark() {
    }

    /** One measured window. */
    static final class Window {
        final String name;
        final int logins;
        final double seconds;
        final CpuMeter cpu;
        final int[] perSecond;

        Window(String name, int logins, double seconds, CpuMeter cpu, int[] perSecond) {
            this.name = name;
            this.logins = logins;
            this.seconds = seconds;
            this.cpu = cpu;
            this.perSecond = perSecond;
        }

        double perSecondRate() {
            return logins / seconds;
        }

        double clientMillisPerLogin() {
            return cpu.clientMillis() / Math.max(1, logins);
        }

        double serverMillisPerLogin() {
            return cpu.serverMillis() / Math.max(1, logins);
        }

        /** Logins per second the server could do on one core of its own: 1 s ÷ its CPU per login. */
        double serverOwnCapacity() {
            return 1000.0 / Math.max(0.001, serverMillisPerLogin());
        }

        String invalidBecause() {
            return cpu.invalidBecause(logins);
        }
    }

    static void main(String[] args) throws Exception {
        try (ProsodyServer server = ProsodyServer.create()) {
            measure(server);
        }
    }

    /** Measures C against {@code server} (started here if needed), writes capacity.md / capacity.csv, returns C. */
    static double measure(ProsodyServer server) throws IOException, InterruptedException {
        return measureWindows(server).get(1).perSecondRate();
    }

    /** The cold and the warm window, measured against {@code server}. */
    static List<Window> measureWindows(ProsodyServer server) throws IOException, InterruptedException {
        int loggers = loggers();
        for (int i = 0; i < loggers; i++) {
            server.account(LOGGER + i, LOGGER_PASSWORD + i);
        }
        server.start();
        List<Window> windows = measureWindows(server.webSocketUri(), server::cpuMillis);
        write(loggers, windows, lastFailures);
        return windows;
    }

    static int loggers() {
        return BenchOutput.intProperty("bench.capacity.loggers", 16);
    }

    static final String LOGGER = "logger";
    static final String LOGGER_PASSWORD = "pw-";
    private static int lastFailures;

    /**
     * The cold and the warm window against any running server of the test domain at {@code endpoint}, whose accounts
     * {@code logger0..} (password {@code pw-0..}) exist; {@code serverCpuMillis} reads the server's CPU.
     */
    static List<Window> measureWindows(URI endpoint, LongSupplier serverCpuMillis)
            throws InterruptedException {
        int loggers = loggers();
        int seconds = BenchOutput.intProperty("bench.capacity.seconds", 20);
        long warmUpMillis = BenchOutput.intProperty("bench.capacity.warmup.seconds", 10) * 1000L;
        List<Long> loginDoneNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        InMemorySecretStore keychain = new InMemorySecretStore();
        long start = System.nanoTime();
        long warmFrom = start + warmUpMillis * 1_000_000L;
        long end = warmFrom + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        CpuMeter cold;
        CpuMeter warm;
        try (SharedResources shared = SharedResources.forSessions(loggers * 2)) {
            cold = CpuMeter.start(serverCpuMillis);
            for (int i = 0; i < loggers; i++) {
                int index = i;
                Thread thread = new Thread(() -> loginLoop(endpoint, shared, keychain, index, end, loginDoneNanos,
                        failures), "capacity-logger-" + i);
                thread.start();
                threads.add(thread);
            }
            sleepUntil(start + COLD_WINDOW_MILLIS * 1_000_000L);
            cold.stop();
            sleepUntil(warmFrom);
            warm = CpuMeter.start(serverCpuMillis);
            sleepUntil(end);
            warm.stop();
            for (Thread thread : threads) {
                thread.join();
            }
        }
        List<Window> windows = new ArrayList<>();
        windows.add(window("cold JVM, first 5 s", loginDoneNanos, start, COLD_WINDOW_MILLIS / 1000, cold));
        windows.add(window("warmed up " + warmUpMillis / 1000 + " s", loginDoneNanos, warmFrom, seconds, warm));
        lastFailures = failures.get();
        return windows;
    }

    private static Window window(String name, List<Long> doneNanos, long fromNanos, long seconds, CpuMeter cpu) {
        int[] perSecond = new int[(int) seconds];
        int counted = 0;
        long to = fromNanos + seconds * 1_000_000_000L;
        synchronized (doneNanos) {
            for (long done : doneNanos) {
                if (done >= fromNanos && done < to) {
                    perSecond[(int) ((done - fromNanos) / 1_000_000_000L)]++;
                    counted++;
                }
            }
        }
        return new Window(name, counted, seconds, cpu, perSecond);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /**
     * One logger: a client that logs in, signs out and logs in again, as a client re-acquiring its session does
     * (its SCRAM keys and the server's features kept from the last login; a new client per login would measure
     * building a client instead).
     */
    private static void loginLoop(URI endpoint, SharedResources shared, InMemorySecretStore keychain,
            int index, long endNanos, List<Long> done, AtomicInteger failures) {
        java.util.concurrent.BlockingQueue<ConnectionState> states = new java.util.concurrent.LinkedBlockingQueue<>();
        JitterbugClient client = JitterbugClient.create(ClientOptions.builder(
                Jid.parse(LOGGER + index + "@" + XmppTestServer.DOMAIN), (LOGGER_PASSWORD + index).toCharArray())
                .endpoint(endpoint).sharedResources(shared).secrets(keychain).build());
        client.addListener(new ClientListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                if (event.state() == ConnectionState.CONNECTED || event.state() == ConnectionState.OFFLINE) {
                    states.add(event.state());
                }
            }
        });
        try {
            while (System.nanoTime() < endNanos) {
                client.connect();
                if (await(states, ConnectionState.CONNECTED)) {
                    done.add(System.nanoTime());
                } else {
                    failures.incrementAndGet();
                }
                client.disconnect();
                await(states, ConnectionState.OFFLINE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    private static boolean await(java.util.concurrent.BlockingQueue<ConnectionState> states, ConnectionState wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + LOGIN_TIMEOUT_MILLIS * 1_000_000L;
        ConnectionState next;
        do {
            next = states.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (next != null && next != wanted);
        return next == wanted;
    }

    private static void write(int loggers, List<Window> windows, int failures) throws IOException {
        Path dir = BenchOutput.directory();
        StringBuilder csv = new StringBuilder("window,logins,seconds,logins_per_s,client_cpu_ms_per_login,"
                + "server_cpu_ms_per_login,client_over_server,server_own_capacity_per_s,client_jvm_load,valid\n");
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Session-acquisition capacity of one Prosody"
                + " 0.12 on this machine: %d closed-loop loggers over WebSocket, each a client that logs in (SCRAM-SHA-256"
                + " via SASL2 + Bind2, SM enable, presence, carbons), signs out and logs in again; hashed credentials"
                + " on the server, SCRAM keys kept by the clients; %d logins timed out.%n%n", loggers, failures));
        md.append("| window | logins/s | client CPU per login | server CPU per login | client ÷ server |"
                + " server's own capacity (1 core) | client JVM load | valid |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Window w : windows) {
            String invalid = w.invalidBecause();
            double ratio = w.clientMillisPerLogin() / Math.max(0.001, w.serverMillisPerLogin());
            csv.append(String.format(Locale.ROOT, "\"%s\",%d,%.0f,%.1f,%.2f,%.2f,%.2f,%.1f,%.2f,%s%n", w.name,
                    w.logins, w.seconds, w.perSecondRate(), w.clientMillisPerLogin(), w.serverMillisPerLogin(), ratio,
                    w.serverOwnCapacity(), w.cpu.clientLoad(), invalid == null));
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f ms | %.2f ms | %.2f | %.0f/s | %.0f %% | %s |%n",
                    w.name, w.perSecondRate(), w.clientMillisPerLogin(), w.serverMillisPerLogin(), ratio,
                    w.serverOwnCapacity(), 100 * w.cpu.clientLoad(), invalid == null ? "yes" : "**no**: " + invalid));
        }
        md.append(String.format(Locale.ROOT, "%nClient and server share the machine's cores.%nMachine: %s.%n",
                BenchOutput.machine()));
        BenchOutput.write(dir.resolve("capacity.csv"), csv.toString());
        BenchOutput.write(dir.resolve("capacity.md"), md.toString());
        System.out.print(md);
    }
}
