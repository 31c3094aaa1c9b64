package dev.jitterbug.bench;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.sim.StormScenario;
import dev.jitterbug.sim.StormScenarios;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reconnect storm on a real Prosody: N Jitterbug sessions over WebSocket through a {@link LoopbackProxy} that
 * timestamps every connection (= every attempt). For each policy, side by side in one run: a <b>link drop</b> (the
 * proxy resets every connection, the server stays up: sessions should resume) and a <b>node kill</b> (kill -9,
 * start again after 1 s: every session must log in again). The policies are the simulator's (same configs).
 * C is measured first (closed-loop logins/s, see {@link CapacityBenchmark}) unless {@code -Dbench.realstorm.capacity}
 * gives it. Size: {@code -Dbench.realstorm.clients} (default 1000), {@code -Dbench.realstorm.timeout.seconds}
 * (default 120, per storm), {@code -Dbench.realstorm.only=default} (policies whose name contains that text).
 */
final class RealStormBenchmark {
    private static final String[] POLICIES = {"fixed-2s", "full-jitter", "aws-decorrelated", "default"};
    private static final long AFTERGLOW_MILLIS = 1_000; // late attempts still counted after the last client is back

    private RealStormBenchmark() {
    }

    static void main(String[] args) throws Exception {
        int clients = BenchOutput.intProperty("bench.realstorm.clients", 1000);
        long timeoutMillis = BenchOutput.intProperty("bench.realstorm.timeout.seconds", 120) * 1000L;
        String only = System.getProperty("bench.realstorm.only", "");
        Map<String, RetryConfig> policies;
        List<RealStormResult> results = new ArrayList<>();
        int heldOnline;
        double capacity;
        try (ProsodyServer server = ProsodyServer.create()) {
            int given = BenchOutput.intProperty("bench.realstorm.capacity", 0);
            capacity = given > 0 ? given : CapacityBenchmark.measure(server);
            policies = policies(clients, (int) Math.round(capacity), only);
            server.start();
            BenchFleet.createAccounts(server, clients);
            AtomicReference<RetryConfig> current = new AtomicReference<>(RetryConfig.defaults());
            try (LoopbackProxy proxy = new LoopbackProxy(server.httpPort());
                    BenchFleet fleet = BenchFleet.start(server, proxy.via(server.webSocketUri()), clients,
                            current::get, (int) Math.max(1, capacity / 2), timeoutMillis + clients * 1000L)) {
                heldOnline = fleet.online();
                System.out.printf("fleet: %d of %d online%n", heldOnline, clients);
                for (Map.Entry<String, RetryConfig> policy : policies.entrySet()) {
                    current.set(policy.getValue());
                    results.add(storm(policy.getKey(), "link drop", fleet, proxy, server, capacity, timeoutMillis));
                    results.add(storm(policy.getKey(), "node kill", fleet, proxy, server, capacity, timeoutMillis));
                }
            }
        }
        write(results, clients, capacity, heldOnline);
    }

    /**
     * The simulator's configs for the four policies the issue names, and our default with the server-failure spread
     * an operator would publish for this fleet and the measured C (1.25 x N/C, see {@link StormScenarios#sizedToFleet}).
     */
    private static Map<String, RetryConfig> policies(int clients, int capacity, String only) {
        Map<String, RetryConfig> byVersion = new LinkedHashMap<>();
        for (StormScenario scenario : StormScenarios.seedStory(clients, 100)) {
            byVersion.put(scenario.config().version(), scenario.config());
        }
        Map<String, RetryConfig> chosen = new LinkedHashMap<>();
        for (String name : POLICIES) {
            if (name.contains(only)) {
                chosen.put(name, byVersion.get(name));
            }
        }
        RetryConfig sized = StormScenarios.sizedToFleet(RetryConfig.defaults(), clients, Math.max(1, capacity));
        if (sized.version().contains(only)) {
            chosen.put(sized.version(), sized);
        }
        return chosen;
    }

    private static RealStormResult storm(String policy, String scenario, BenchFleet fleet, LoopbackProxy proxy,
            ProsodyServer server, double capacity, long timeoutMillis) throws InterruptedException {
        if (!fleet.awaitOnline(timeoutMillis)) {
            System.out.printf("warning: only %d of %d online before %s / %s%n", fleet.online(), fleet.size(), policy,
                    scenario);
        }
        Thread.sleep(1_000);
        fleet.arm();
        int firstAttempt = proxy.connections();
        long start = System.nanoTime();
        long serverDownMillis = 0;
        if (scenario.equals("link drop")) {
            proxy.cutAll();
        } else {
            server.kill();
            Thread.sleep(1_000);
            server.start();
            serverDownMillis = (System.nanoTime() - start) / 1_000_000L;
        }
        boolean allBack = fleet.awaitAllBack(fleet.size(), timeoutMillis);
        Thread.sleep(AFTERGLOW_MILLIS);
        List<Long> attempts = new ArrayList<>(proxy.acceptedAtNanos().subList(firstAttempt, proxy.connections()));
        RealStormResult result = new RealStormResult(policy, scenario, fleet.size(), capacity, attempts,
                fleet.backTimes(), start, fleet.connectedEvents(), fleet.resumedEvents(), serverDownMillis);
        System.out.printf(Locale.ROOT, "%s / %s: %s back, 99%% in %s, %d attempts, peak %d/s, %d logins, %d resumes,"
                + " %d stopped%n", policy, scenario, allBack ? "all" : (fleet.size() - result.notBack()) + "",
                seconds(result.timeToMillis(0.99)), result.totalAttempts(), result.peakAttemptsPerSecond(),
                result.logins, result.resumes, fleet.stopped());
        return result;
    }

    private static void write(List<RealStormResult> results, int clients, double capacity, int heldOnline)
            throws IOException {
        Path dir = BenchOutput.directory();
        StringBuilder summary = new StringBuilder("policy,scenario,clients,capacity_per_s,t50_s,t90_s,t99_s,t100_s,"
                + "not_back,attempts,peak_attempts_per_s,peak_over_capacity,t99_over_ideal,logins,resumes,"
                + "server_down_ms\n");
        for (RealStormResult r : results) {
            summary.append(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%s,%s,%s,%s,%d,%d,%d,%.2f,%s,%d,%d,%d%n", r.policy,
                    r.scenario, r.clients, r.capacityPerSecond, csvSeconds(r.timeToMillis(0.5)),
                    csvSeconds(r.timeToMillis(0.9)), csvSeconds(r.timeToMillis(0.99)), csvSeconds(r.timeToMillis(1.0)),
                    r.notBack(), r.totalAttempts(), r.peakAttemptsPerSecond(), r.peakAttemptsPerSecond() / capacity,
                    ratio(r), r.logins, r.resumes, r.serverDownMillis));
        }
        BenchOutput.write(dir.resolve("real-storm-summary.csv"), summary.toString());
        BenchOutput.write(dir.resolve("real-storm-attempts.csv"), attemptsCsv(results));
        String md = markdown(results, clients, capacity, heldOnline);
        BenchOutput.write(dir.resolve("real-storm.md"), md);
        System.out.print(md);
        for (String scenario : new String[] {"node kill", "link drop"}) {
            List<String> names = new ArrayList<>();
            List<int[]> series = new ArrayList<>();
            double horizon = 5;
            for (RealStormResult r : results) {
                if (r.scenario.equals(scenario)) {
                    names.add(r.policy);
                    series.add(r.attemptsPerBucket);
                    horizon = Math.max(horizon, r.attemptsPerBucket.length * AttemptsChart.BUCKET_MILLIS / 1000.0);
                }
            }
            if (!names.isEmpty()) {
                AttemptsChart.write(String.format(Locale.ROOT, "Real storm on Prosody, %s: %,d sessions over WebSocket",
                        scenario, clients), names, series, capacity, horizon,
                        dir.resolve("real-storm-" + scenario.replace(' ', '-') + ".png"));
            }
        }
    }

    private static String markdown(List<RealStormResult> results, int clients, double capacity, int heldOnline) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Real storm: N = %,d Jitterbug sessions over"
                + " WebSocket (%,d were online at the start) through a counting proxy to one Prosody 0.12; C = %.1f"
                + " logins/s measured, so N/C = %.1f s. Link drop: the proxy resets every connection, the server stays"
                + " up. Node kill: kill -9, start again after 1 s (the table gives how long the server was down,"
                + " start-up included). Goals (node kill): peak attempts/s <= C, 99 %% back within 1.5 x N/C = %.1f s."
                + "%n%n", clients, heldOnline, capacity, clients / capacity, 1.5 * clients / capacity));
        md.append("| policy | failure | 50 % back | 90 % | 99 % | 100 % | not back | attempts (per client) |"
                + " peak attempts/s | peak ÷ C | 99 % ÷ (N/C) | logins | resumes | goal |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RealStormResult r : results) {
            String goal = "-";
            if (r.scenario.equals("node kill")) {
                boolean met = r.peakAttemptsPerSecond() <= capacity && r.timeToMillis(0.99) >= 0
                        && r.timeToMillis(0.99) <= 1.5 * r.idealRecoveryMillis();
                goal = met ? "met" : "missed";
            }
            md.append(String.format(Locale.ROOT, "| %s | %s%s | %s | %s | %s | %s | %d | %,d (%.2f) | %,d | %.2f | %s |"
                    + " %,d | %,d | %s |%n", r.policy, r.scenario,
                    r.serverDownMillis > 0 ? String.format(Locale.ROOT, " (down %.1f s)", r.serverDownMillis / 1000.0)
                            : "", seconds(r.timeToMillis(0.5)), seconds(r.timeToMillis(0.9)),
                    seconds(r.timeToMillis(0.99)), seconds(r.timeToMillis(1.0)), r.notBack(), r.totalAttempts(),
                    r.totalAttempts() / (double) r.clients, r.peakAttemptsPerSecond(),
                    r.peakAttemptsPerSecond() / capacity, ratio(r), r.logins, r.resumes, goal));
        }
        md.append(String.format(Locale.ROOT, "%nMachine: %s (client, proxy and server on the same cores).%n",
                BenchOutput.machine()));
        return md.toString();
    }

    private static String attemptsCsv(List<RealStormResult> results) {
        int buckets = 0;
        StringBuilder csv = new StringBuilder("time_s");
        for (RealStormResult r : results) {
            buckets = Math.max(buckets, r.attemptsPerBucket.length);
            csv.append(",\"").append(r.policy).append(" / ").append(r.scenario).append('"');
        }
        csv.append('\n');
        for (int b = 0; b < buckets; b++) {
            csv.append(String.format(Locale.ROOT, "%.1f", b * AttemptsChart.BUCKET_MILLIS / 1000.0));
            for (RealStormResult r : results) {
                csv.append(',').append(b < r.attemptsPerBucket.length ? r.attemptsPerBucket[b] : 0);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String ratio(RealStormResult r) {
        long t99 = r.timeToMillis(0.99);
        return t99 < 0 ? "never" : String.format(Locale.ROOT, "%.2f", t99 / r.idealRecoveryMillis());
    }

    private static String seconds(long millis) {
        return millis < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String csvSeconds(long millis) {
        return millis < 0 ? "" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
