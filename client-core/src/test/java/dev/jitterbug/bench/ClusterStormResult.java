package dev.jitterbug.bench;

import java.util.Locale;

/** One node-kill storm of {@link ClusterStormBenchmark}: who went down, when they came back, what the node saw. */
final class ClusterStormResult {
    final String setup;
    final String config;
    final int clients;
    final int wentDown;
    final double capacity;
    /** New sessions per second HAProxy let through (0: no shedding). */
    final int shedAt;
    /** Milliseconds from the kill until each client that went down was back, sorted. */
    long[] backMillis = new long[0];
    int neverBack;
    /** WebSocket connections HAProxy held to each node just before the kill. */
    int onNode1;
    int onNode2;
    int attempts;
    int refused;
    /** WebSocket upgrades (resume attempts and logins) HAProxy passed to the surviving node, per 100 ms. */
    int[] survivorSessionsPerBucket = new int[0];
    /** Full logins the clients established after the kill (all on the surviving node), per 100 ms. */
    int[] loginsPerBucket = new int[0];
    CpuMeter cpu;

    ClusterStormResult(String setup, String config, int clients, int wentDown, double capacity, int shedAt) {
        this.setup = setup;
        this.config = config;
        this.clients = clients;
        this.wentDown = wentDown;
        this.capacity = capacity;
        this.shedAt = shedAt;
    }

    String name() {
        return setup + ", " + config;
    }

    /** The time by which this share of the clients that went down was back; -1 if not all of that share came back. */
    long backBy(double share) {
        int needed = (int) Math.ceil(share * wentDown);
        if (needed == 0) {
            return 0;
        }
        return needed <= backMillis.length ? backMillis[needed - 1] : -1;
    }

    int survivorLogins() {
        return total(loginsPerBucket);
    }

    int survivorConnections() {
        return total(survivorSessionsPerBucket);
    }

    private static int total(int[] buckets) {
        int total = 0;
        for (int n : buckets) {
            total += n;
        }
        return total;
    }

    /** The most full logins the surviving node took within any 1 s (ten 100 ms buckets, sliding). */
    int peakPerSecond() {
        return peak(loginsPerBucket);
    }

    /** The most connections HAProxy passed to the surviving node within any 1 s. */
    int peakConnectionsPerSecond() {
        return peak(survivorSessionsPerBucket);
    }

    private static int peak(int[] buckets) {
        int per = 1000 / AttemptsChart.BUCKET_MILLIS;
        int peak = 0;
        int sum = 0;
        for (int i = 0; i < buckets.length; i++) {
            sum += buckets[i];
            if (i >= per) {
                sum -= buckets[i - per];
            }
            peak = Math.max(peak, sum);
        }
        return peak;
    }

    double attemptsPerClient() {
        return attempts / (double) Math.max(1, wentDown);
    }

    /** Null if the run measured the server, else why not (CPU per connection the node took: logins and resumes). */
    String invalidBecause() {
        return cpu.invalidBecause(survivorConnections());
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: %d/%d connections on node 1/2 before the kill; %d of %d went down; back 50/90/99/100 %% after %s/%s/%s/%s s; %d never"
                + " back; %.2f attempts per client; surviving node: peak %d logins/s (C %.1f/s), %d logins, %d connections"
                + " (peak %d/s), %d refused (503); CPU per connection client %.2f ms, server side %.2f ms; %s", name(),
                wentDown, clients, s(backBy(0.5)), s(backBy(0.9)), s(backBy(0.99)), s(backBy(1.0)), neverBack,
                attemptsPerClient(), peakPerSecond(), capacity, survivorLogins(), survivorConnections(),
                peakConnectionsPerSecond(), refused, cpu.clientMillis() / Math.max(1, survivorConnections()),
                cpu.serverMillis() / Math.max(1, survivorConnections()),
                invalidBecause() == null ? "valid" : "INVALID: " + invalidBecause());
    }

    static String s(long millis) {
        return millis < 0 ? "—" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
