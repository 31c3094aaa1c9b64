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
    int attempts;
    int refused;
    int[] survivorSessionsPerBucket = new int[0];
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
        int total = 0;
        for (int n : survivorSessionsPerBucket) {
            total += n;
        }
        return total;
    }

    /** The most new sessions the surviving node got within any 1 s (ten 100 ms buckets). */
    int peakPerSecond() {
        int per = 1000 / AttemptsChart.BUCKET_MILLIS;
        int peak = 0;
        int sum = 0;
        for (int i = 0; i < survivorSessionsPerBucket.length; i++) {
            sum += survivorSessionsPerBucket[i];
            if (i >= per) {
                sum -= survivorSessionsPerBucket[i - per];
            }
            peak = Math.max(peak, sum);
        }
        return peak;
    }

    double attemptsPerClient() {
        return attempts / (double) Math.max(1, wentDown);
    }

    /** Null if the run measured the server, else why not. */
    String invalidBecause() {
        return cpu.invalidBecause(survivorLogins());
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: %d of %d went down; back 50/90/99/100 %% after %s/%s/%s/%s s; %d never"
                + " back; %.2f attempts per client; surviving node peak %d/s (C %.1f/s), %d logins, %d refused (503);"
                + " CPU per login client %.2f ms, server %.2f ms; %s", name(), wentDown, clients, s(backBy(0.5)),
                s(backBy(0.9)), s(backBy(0.99)), s(backBy(1.0)), neverBack, attemptsPerClient(), peakPerSecond(),
                capacity, survivorLogins(), refused, cpu.clientMillis() / Math.max(1, survivorLogins()),
                cpu.serverMillis() / Math.max(1, survivorLogins()),
                invalidBecause() == null ? "valid" : "INVALID: " + invalidBecause());
    }

    static String s(long millis) {
        return millis < 0 ? "—" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
