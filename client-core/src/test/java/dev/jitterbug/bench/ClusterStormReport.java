package dev.jitterbug.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** cluster-storm.md / .csv / .png from the runs of {@link ClusterStormBenchmark}. */
final class ClusterStormReport {
    private ClusterStormReport() {
    }

    static void write(List<ClusterStormResult> results, int clients, Map<String, Double> capacities,
            Map<String, String> capacityNotes) throws IOException {
        Path dir = BenchOutput.directory();
        StringBuilder csv = new StringBuilder("setup,config,clients,on_node1,on_node2,went_down,capacity_per_s,shed_at_per_s,"
                + "back_50_s,back_90_s,back_99_s,back_100_s,never_back,attempts_per_client,survivor_logins,"
                + "survivor_peak_logins_per_s,peak_over_c,survivor_connections,survivor_peak_connections_per_s,"
                + "refused_503,client_cpu_ms_per_connection,server_side_cpu_ms_per_connection,client_jvm_load,valid\n");
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Node kill at fleet shape: %,d clients over"
                + " WebSocket through HAProxy 2.6 (TLS terminated there), round robin over two nodes; kill -9 of node 1,"
                + " its clients come back through the balancer to node 2. Capacity C of one node (closed-loop logins"
                + " straight at it after a warm-up, same run): %s.%n%n", clients, String.join("; ",
                capacityNotes.values())));
        md.append("| setup | config | on node 1 / 2 before | went down | back 50 / 90 / 99 / 100 % | never back | attempts per client |"
                + " node 2: peak logins/s ÷ C | node 2: connections (peak/s) | 503s | CPU per connection, client /"
                + " server side | valid |\n");
        md.append("|---|---|---|---:|---|---:|---:|---:|---:|---:|---|---|\n");
        List<String> names = new ArrayList<>();
        List<int[]> series = new ArrayList<>();
        double horizon = 10;
        for (ClusterStormResult r : results) {
            String invalid = r.invalidBecause();
            double client = r.cpu.clientMillis() / Math.max(1, r.survivorConnections());
            double server = r.cpu.serverMillis() / Math.max(1, r.survivorConnections());
            csv.append(String.format(Locale.ROOT, "\"%s\",\"%s\",%d,%d,%d,%d,%.1f,%d,%s,%s,%s,%s,%d,%.2f,%d,%d,%.2f,%d,%d,%d,"
                    + "%.2f,%.2f,%.2f,%s%n", r.setup, r.config, r.clients, r.onNode1, r.onNode2, r.wentDown, r.capacity, r.shedAt,
                    ClusterStormResult.s(r.backBy(0.5)), ClusterStormResult.s(r.backBy(0.9)),
                    ClusterStormResult.s(r.backBy(0.99)), ClusterStormResult.s(r.backBy(1.0)), r.neverBack,
                    r.attemptsPerClient(), r.survivorLogins(), r.peakPerSecond(), r.peakPerSecond() / r.capacity,
                    r.survivorConnections(), r.peakConnectionsPerSecond(), r.refused, client, server,
                    r.cpu.clientLoad(), invalid == null));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %d | %s / %s / %s / %s s | %d | %.2f | %d ÷ %.0f = %.2f |"
                    + " %d (%d/s) | %d | %.2f / %.2f ms | %s |%n", r.setup, r.config, r.wentDown,
                    ClusterStormResult.s(r.backBy(0.5)), ClusterStormResult.s(r.backBy(0.9)),
                    ClusterStormResult.s(r.backBy(0.99)), ClusterStormResult.s(r.backBy(1.0)), r.neverBack,
                    r.attemptsPerClient(), r.peakPerSecond(), r.capacity, r.peakPerSecond() / r.capacity,
                    r.survivorConnections(), r.peakConnectionsPerSecond(), r.refused, client, server,
                    invalid == null ? "yes" : "**no**: " + invalid));
            names.add(r.name());
            series.add(r.loginsPerBucket);
            horizon = Math.max(horizon, r.loginsPerBucket.length * AttemptsChart.BUCKET_MILLIS / 1000.0);
        }
        md.append(String.format(Locale.ROOT, "%nLogins are the full logins the clients established after the kill"
                + " (all on node 2, the only node left); peaks are the most in any 1 s, sliding. Connections are the"
                + " WebSocket upgrades HAProxy passed to node 2 (each client's resume attempt, refused because the"
                + " session died with node 1, and its login). CPU is over the whole recovery: this JVM (all %,d"
                + " clients) against the server side (node 2 plus HAProxy, which terminates TLS), per connection; a"
                + " run where the client spent at least as much, or its JVM ran above %.0f %% of its cores, measured"
                + " the harness and is marked invalid. Client, balancer and nodes share the machine's cores.%n"
                + "Machine: %s.%n", clients, 100 * CpuMeter.CLIENT_LOAD_LIMIT, BenchOutput.machine()));
        BenchOutput.write(dir.resolve("cluster-storm.csv"), csv.toString());
        BenchOutput.write(dir.resolve("cluster-storm.md"), md.toString());
        double capacity = capacities.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
        AttemptsChart.write(String.format(Locale.ROOT, "Node kill behind HAProxy: %,d clients, full logins at the"
                + " surviving node", clients), "logins at node 2", names, series, "smallest C", capacity, horizon,
                dir.resolve("cluster-storm.png"));
        System.out.print(md);
    }
}
