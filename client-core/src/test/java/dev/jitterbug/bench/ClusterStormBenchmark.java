package dev.jitterbug.bench;

import dev.jitterbug.SharedResources;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.sim.StormScenarios;
import dev.jitterbug.testing.EjabberdCluster;
import dev.jitterbug.testing.HaproxyBalancer;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The seed's failure at fleet shape, on real parts: N clients over WebSocket through HAProxy (TLS terminated there),
 * spread over two server nodes; {@code kill -9} one node, and every client that was on it comes back through the
 * balancer to the node that is left. Two server setups, each with the default retry config and the fleet-sized one:
 * a two-node <b>ejabberd cluster</b> (shared accounts and session table), and two <b>independent Prosody nodes</b>
 * (sessions cannot move; the balancer sticks on the client's route), plus the ejabberd cluster with HAProxy <b>shedding
 * new sessions beyond the surviving node's capacity</b> (503 + Retry-After). The surviving node's capacity C is
 * measured first in the same run (closed-loop logins straight at it, after a warm-up, {@link CapacityBenchmark}).
 * Reported per variant: new sessions per second at the surviving node (HAProxy's log) against C, time to 50/90/99/100 %
 * back, attempts per client, clients never back, and client and server CPU over the recovery (a run where the client
 * side is the bottleneck is marked invalid). Size: {@code -Dbench.cluster.clients} (default 1000), {@code
 * -Dbench.cluster.timeout.seconds} (default 150 after the spread).
 */
final class ClusterStormBenchmark {
    private ClusterStormBenchmark() {
    }

    static void main(String[] args) throws Exception {
        int clients = BenchOutput.intProperty("bench.cluster.clients", 1000);
        List<ClusterStormResult> results = new ArrayList<>();
        Map<String, Double> capacities = new LinkedHashMap<>();
        runEjabberd(clients, results, capacities);
        runProsody(clients, results, capacities);
        ClusterStormReport.write(results, clients, capacities, CAPACITY_NOTES);
    }

    private static Map<String, String> accounts(int clients) {
        Map<String, String> accounts = new LinkedHashMap<>();
        for (int i = 0; i < clients; i++) {
            accounts.put(BenchFleet.user(i), BenchFleet.password(i));
        }
        for (int i = 0; i < CapacityBenchmark.loggers(); i++) {
            accounts.put(CapacityBenchmark.LOGGER + i, CapacityBenchmark.LOGGER_PASSWORD + i);
        }
        return accounts;
    }

    private static void runEjabberd(int clients, List<ClusterStormResult> results, Map<String, Double> capacities)
            throws Exception {
        try (EjabberdCluster cluster = EjabberdCluster.start(2)) {
            cluster.accounts(accounts(clients));
            double capacity = capacity("ejabberd", cluster.node(1).webSocketUri(), cluster.node(1)::cpuMillis);
            capacities.put("ejabberd 23.01 node", capacity);
            for (Map.Entry<String, RetryConfig> config : configs(clients, capacity, false).entrySet()) {
                results.add(storm("ejabberd cluster", config.getKey(), clients, capacity, config.getValue(), 0,
                        HaproxyBalancer.builder().roundRobin().node("n1", cluster.node(0).httpPort())
                                .node("n2", cluster.node(1).httpPort()), () -> cluster.node(0).kill(),
                        cluster.node(1)::cpuMillis));
                restartInCluster(cluster);
            }
            int shedAt = (int) Math.max(1, Math.round(capacity));
            results.add(storm("ejabberd cluster", "default + 503 beyond C", clients, capacity, RetryConfig.defaults(),
                    shedAt, HaproxyBalancer.builder().roundRobin().shedNewSessionsBeyond(shedAt, 2)
                            .node("n1", cluster.node(0).httpPort()).node("n2", cluster.node(1).httpPort()),
                    () -> cluster.node(0).kill(), cluster.node(1)::cpuMillis));
        }
    }

    private static void restartInCluster(EjabberdCluster cluster) {
        cluster.node(0).start();
        String members = cluster.node(1).clusterMembers();
        if (!members.contains(cluster.node(0).nodeName())) {
            throw new IllegalStateException("the restarted node did not rejoin the cluster: " + members);
        }
    }

    private static void runProsody(int clients, List<ClusterStormResult> results, Map<String, Double> capacities)
            throws Exception {
        try (ProsodyServer p1 = ProsodyServer.create(); ProsodyServer p2 = ProsodyServer.create()) {
            accounts(clients).forEach((user, password) -> {
                p1.account(user, password);
                p2.account(user, password);
            });
            p1.start();
            p2.start();
            double capacity = capacity("Prosody", p2.webSocketUri(), p2::cpuMillis);
            capacities.put("Prosody 0.12 node", capacity);
            for (Map.Entry<String, RetryConfig> config : configs(clients, capacity, true).entrySet()) {
                results.add(storm("two Prosody nodes, sticky", config.getKey(), clients, capacity, config.getValue(),
                        0, HaproxyBalancer.builder().roundRobin().stickOnUrlParameter("route")
                                .node("n1", p1.httpPort()).node("n2", p2.httpPort()), p1::kill, p2::cpuMillis));
                p1.start();
            }
        }
    }

    private static double capacity(String name, URI node, LongSupplier cpu) throws InterruptedException {
        List<CapacityBenchmark.Window> windows = CapacityBenchmark.measureWindows(node, cpu);
        CapacityBenchmark.Window warm = windows.get(1);
        System.out.printf(Locale.ROOT, "%s node capacity: %.1f logins/s (client %.2f ms, server %.2f ms of CPU per"
                + " login; %s)%n", name, warm.perSecondRate(), warm.clientMillisPerLogin(),
                warm.serverMillisPerLogin(), warm.invalidBecause() == null ? "valid" : warm.invalidBecause());
        CAPACITY_NOTES.put(name, String.format(Locale.ROOT, "%s %.1f logins/s (CPU per login: client %.2f ms, server"
                + " %.2f ms; %s)", name, warm.perSecondRate(), warm.clientMillisPerLogin(), warm.serverMillisPerLogin(),
                warm.invalidBecause() == null ? "valid" : "invalid: " + warm.invalidBecause()));
        return warm.perSecondRate();
    }

    static final Map<String, String> CAPACITY_NOTES = new LinkedHashMap<>();

    /** The default config and the one an operator would publish for this fleet (spread 1.25 x N/2 / C). */
    private static Map<String, RetryConfig> configs(int clients, double capacity, boolean sticky) {
        RetryConfig base = RetryConfig.defaults().toBuilder().stickyRoute(sticky).build();
        Map<String, RetryConfig> configs = new LinkedHashMap<>();
        configs.put("default", base);
        RetryConfig sized = StormScenarios.sizedToFleet(base, clients / 2, (int) Math.max(1, Math.round(capacity)));
        configs.put(String.format(Locale.ROOT, "fleet-sized (spread %.1f s)",
                sized.serverFailureSpreadMillis() / 1000.0), sized);
        return configs;
    }

    private static ClusterStormResult storm(String setup, String configName, int clients, double capacity,
            RetryConfig config, int shedAt, HaproxyBalancer.Builder balancerSettings, Runnable kill,
            LongSupplier survivorCpu) throws Exception {
        long timeoutMillis = config.serverFailureSpreadMillis()
                + BenchOutput.intProperty("bench.cluster.timeout.seconds", 150) * 1000L;
        int startsPerSecond = (int) Math.max(1, capacity / 2);
        try (HaproxyBalancer balancer = balancerSettings.start();
                BenchFleet fleet = BenchFleet.start(SharedResources.forSessions(clients), balancer.webSocketUri(),
                        clients, () -> config, startsPerSecond, clients * 2000L / startsPerSecond + 60_000,
                        b -> b.trustedCertificates(TestCertificates.TRUSTING_AUTHORITY))) {
            int online = fleet.online();
            if (online < clients) {
                System.out.printf("%s, %s: only %d of %d came online; the storm goes ahead with them. Not online:%n%s",
                        setup, configName, online, clients, fleet.notOnline());
            }
            System.out.printf("%s, %s: %d online; killing node 1%n", setup, configName, online);
            int onNode1 = balancer.currentConnections("n1");
            int onNode2 = balancer.currentConnections("n2");
            fleet.arm();
            int logBefore = balancer.requestLog().size();
            LongSupplier serverSide = () -> survivorCpu.getAsLong() + balancer.cpuMillis();
            CpuMeter cpu = CpuMeter.start(serverSide);
            long killedAtNanos = System.nanoTime();
            long killedAtEpochMillis = System.currentTimeMillis();
            kill.run();
            balancer.awaitUp("n1", false, java.time.Duration.ofSeconds(10));
            long deadline = killedAtNanos + timeoutMillis * 1_000_000L;
            do {
                Thread.sleep(100); // pacing of the progress check only; the result is read from timestamps
            } while (System.nanoTime() < deadline && (fleet.wentDown() == 0 || fleet.backCount() < fleet.wentDown()));
            cpu.stop();
            List<String> log = balancer.requestLog();
            ClusterStormResult result = new ClusterStormResult(setup, configName, online, fleet.wentDown(),
                    capacity, shedAt);
            result.onNode1 = onNode1;
            result.onNode2 = onNode2;
            result.backMillis = backMillis(fleet.backTimes(), killedAtNanos);
            result.neverBack = fleet.wentDown() - fleet.backCount();
            result.attempts = fleet.attemptsSinceArm();
            result.survivorSessionsPerBucket = sessionsPerBucket(log.subList(logBefore, log.size()), "n2",
                    killedAtEpochMillis);
            result.loginsPerBucket = loginsPerBucket(fleet.sessions(), killedAtNanos);
            result.refused = (int) log.subList(logBefore, log.size()).stream()
                    .filter(l -> l.contains(" 503 ") && l.endsWith("new=1")).count();
            result.cpu = cpu;
            System.out.println(result.summary());
            return result;
        }
    }

    private static long[] backMillis(long[] backNanos, long fromNanos) {
        long[] millis = new long[backNanos.length];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = (backNanos[i] - fromNanos) / 1_000_000L;
        }
        Arrays.sort(millis);
        return millis;
    }

    /** Full logins (not resumes) per 100 ms after the kill, as the clients saw them established. */
    static int[] loginsPerBucket(List<long[]> sessions, long fromNanos) {
        List<Long> at = new ArrayList<>();
        for (long[] session : sessions) {
            if (session[1] == 0 && session[0] >= fromNanos) {
                at.add((session[0] - fromNanos) / 1_000_000L);
            }
        }
        return buckets(at);
    }

    /** New sessions HAProxy gave {@code node} per 100 ms after the kill, by its own log timestamps. */
    static int[] sessionsPerBucket(List<String> log, String node, long fromEpochMillis) {
        List<Long> at = new ArrayList<>();
        for (String line : log) {
            String[] fields = line.split(" ");
            if (fields.length >= 6 && fields[1].equals(node) && line.endsWith("new=1")) {
                long millis = Math.round(Double.parseDouble(fields[0]) * 1000) - fromEpochMillis;
                if (millis >= 0) {
                    at.add(millis);
                }
            }
        }
        return buckets(at);
    }

    private static int[] buckets(List<Long> at) {
        long last = at.stream().mapToLong(Long::longValue).max().orElse(0);
        int[] buckets = new int[(int) (last / AttemptsChart.BUCKET_MILLIS) + 1];
        for (long millis : at) {
            buckets[(int) (millis / AttemptsChart.BUCKET_MILLIS)]++;
        }
        return buckets;
    }
}
