package dev.jitterbug.bench;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.sim.StormScenario;
import dev.jitterbug.sim.StormSimulator;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resume first on a real Prosody, default config, in one run per fleet size (default N = 50 and N = 1,000): the
 * fleet logs in (the server's CPU per login gives C), then a <b>link drop</b> (the proxy resets every connection;
 * the server's CPU per resume gives C_resume), an <b>8 s freeze</b> (SIGSTOP, SIGCONT) and a <b>node kill</b> (kill -9,
 * start again). In every storm each client sends one message to the next (queued while it is offline), and the run
 * counts lost and duplicated ones. Each row has the simulator's prediction for the same N, C, C_resume and outage
 * beside it, and the CPU of both sides: a storm where the client harness was the bottleneck is marked invalid.
 * Sizes: {@code -Dbench.resumestorm.clients=50,1000}; {@code -Dbench.resumestorm.timeout.seconds} (default 180).
 */
final class ResumeStormBenchmark {
    private static final long FREEZE_MILLIS = 8_000;

    private ResumeStormBenchmark() {
    }

    static void main(String[] args) throws Exception {
        String sizes = System.getProperty("bench.resumestorm.clients", "50,1000");
        long timeoutMillis = BenchOutput.intProperty("bench.resumestorm.timeout.seconds", 180) * 1000L;
        List<ResumeStormRow> rows = new ArrayList<>();
        for (String size : sizes.split(",")) {
            rows.addAll(run(Integer.parseInt(size.trim()), timeoutMillis));
        }
        ResumeStormReport.write(rows);
    }

    private static List<ResumeStormRow> run(int clients, long timeoutMillis) throws Exception {
        RetryConfig config = RetryConfig.defaults();
        List<ResumeStormRow> rows = new ArrayList<>();
        try (ProsodyServer server = ProsodyServer.create()) {
            server.start();
            BenchFleet.createAccounts(server, clients);
            try (LoopbackProxy proxy = new LoopbackProxy(server.httpPort())) {
                CpuMeter loginCpu = CpuMeter.start(server);
                BenchFleet fleet = BenchFleet.start(server, proxy.via(server.webSocketUri()), clients, () -> config,
                        50, timeoutMillis);
                try {
                    loginCpu.stop();
                    int online = fleet.online();
                    if (online < clients) {
                        throw new IllegalStateException("only " + online + " of " + clients + " logged in");
                    }
                    double loginMillis = loginCpu.serverMillis() / clients;
                    int capacity = (int) Math.round(1000.0 / loginMillis);
                    System.out.printf(Locale.ROOT, "N = %d: server CPU per login %.2f ms (C = %d/s), client %.2f ms%n",
                            clients, loginMillis, capacity, loginCpu.clientMillis() / clients);

                    ResumeStormRow drop = storm("link drop", clients, fleet, proxy, server, timeoutMillis, () -> {
                        proxy.cutAll();
                        return 0L;
                    });
                    int resumeCapacity = (int) Math.round(1000.0 / Math.max(0.01, drop.serverMillisPerSession()));
                    StormScenario dropScenario = StormScenario.linkDrop("link drop", config, clients, capacity,
                            resumeCapacity);
                    rows.add(drop.withCapacities(capacity, resumeCapacity, loginCpu)
                            .predicted(StormSimulator.run(dropScenario)));

                    ResumeStormRow freeze = storm("server frozen 8 s", clients, fleet, proxy, server, timeoutMillis,
                            () -> {
                                server.freeze();
                                Thread.sleep(FREEZE_MILLIS); // the outage itself, not a wait for a result
                                server.thaw();
                                return FREEZE_MILLIS;
                            });
                    rows.add(freeze.withCapacities(capacity, resumeCapacity, loginCpu).predicted(StormSimulator.run(
                            StormScenario.freeze("freeze", config, clients, capacity, resumeCapacity,
                                    FREEZE_MILLIS))));

                    ResumeStormRow kill = storm("node kill", clients, fleet, proxy, server, timeoutMillis, () -> {
                        long from = System.nanoTime();
                        server.kill();
                        server.start();
                        return (System.nanoTime() - from) / 1_000_000L;
                    });
                    StormScenario killScenario = new StormScenario("node kill", StormScenario.Kind.NODE_KILL, config,
                            clients, capacity, resumeCapacity, capacity * 5, kill.outageMillis, 42,
                            StormScenario.DEFAULT_TIME_LIMIT_MILLIS, true);
                    rows.add(kill.withCapacities(capacity, resumeCapacity, loginCpu)
                            .predicted(StormSimulator.run(killScenario)));
                } finally {
                    fleet.close();
                }
            }
        }
        return rows;
    }

    /** What one storm does to the server, measured from just before it to the last client back. */
    interface Outage {
        /** Causes the outage; returns how long the server was unavailable (0 for a link drop). */
        long cause() throws Exception;
    }

    private static ResumeStormRow storm(String name, int clients, BenchFleet fleet, LoopbackProxy proxy,
            ProsodyServer server, long timeoutMillis, Outage outage) throws Exception {
        if (!fleet.awaitOnline(timeoutMillis)) {
            throw new IllegalStateException("only " + fleet.online() + " of " + clients + " online before " + name);
        }
        fleet.arm();
        int firstAttempt = proxy.connections();
        long start = System.nanoTime();
        long outageMillis = outage.cause();
        // Server CPU is measured from here: a restarted server is a new process.
        CpuMeter cpu = CpuMeter.start(server);
        fleet.sendRing(name);
        boolean allBack = fleet.awaitAllBack(fleet.wentDown(), timeoutMillis);
        boolean allDelivered = fleet.awaitRing(timeoutMillis);
        cpu.stop();
        List<Long> attempts = new ArrayList<>(proxy.acceptedAtNanos().subList(firstAttempt, proxy.connections()));
        ResumeStormRow row = new ResumeStormRow(name, clients, start, outageMillis, attempts, fleet, cpu);
        System.out.printf(Locale.ROOT, "N = %d, %s: %d went down, %s back, 99%% after %s, %d attempts, %d resumes,"
                        + " %d logins; messages %s (lost %d, duplicated %d)%n", clients, name, row.wentDown,
                allBack ? "all" : "not all", ResumeStormReport.seconds(row.timeToMillis(0.99)), row.attempts,
                row.resumes, row.logins, allDelivered ? "all delivered" : "NOT all delivered", row.lost,
                row.duplicated);
        return row;
    }
}
