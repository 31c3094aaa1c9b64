package dev.jitterbug.bench;

import dev.jitterbug.sim.StormResult;
import java.util.Arrays;
import java.util.List;

/** One real storm (one policy, one failure) measured: attempts over time and when each client was back. */
final class RealStormResult {
    final String policy;
    final String scenario;
    final int clients;
    final double capacityPerSecond;
    final int[] attemptsPerBucket;
    final long[] backMillisSorted;
    final int logins;
    final int resumes;
    final long serverDownMillis;

    RealStormResult(String policy, String scenario, int clients, double capacityPerSecond, List<Long> attemptNanos,
            long[] backNanos, long startNanos, int logins, int resumes, long serverDownMillis) {
        this.policy = policy;
        this.scenario = scenario;
        this.clients = clients;
        this.capacityPerSecond = capacityPerSecond;
        this.logins = logins;
        this.resumes = resumes;
        this.serverDownMillis = serverDownMillis;
        long last = 0;
        for (long at : attemptNanos) {
            last = Math.max(last, at - startNanos);
        }
        this.attemptsPerBucket = new int[(int) (last / 1_000_000L / AttemptsChart.BUCKET_MILLIS) + 1];
        for (long at : attemptNanos) {
            long millis = Math.max(0, (at - startNanos) / 1_000_000L);
            attemptsPerBucket[(int) (millis / AttemptsChart.BUCKET_MILLIS)]++;
        }
        this.backMillisSorted = new long[backNanos.length];
        for (int i = 0; i < backNanos.length; i++) {
            backMillisSorted[i] = (backNanos[i] - startNanos) / 1_000_000L;
        }
        Arrays.sort(backMillisSorted);
    }

    int totalAttempts() {
        int total = 0;
        for (int attempts : attemptsPerBucket) {
            total += attempts;
        }
        return total;
    }

    /** The most attempts in any one-second window sliding in 100 ms steps (the simulator's rule). */
    int peakAttemptsPerSecond() {
        return StormResult.peakPerSecond(attemptsPerBucket, AttemptsChart.BUCKET_MILLIS);
    }

    /** Milliseconds until {@code share} of all clients were back, or -1 if they never were. */
    long timeToMillis(double share) {
        int needed = (int) Math.ceil(share * clients);
        return needed <= backMillisSorted.length ? backMillisSorted[Math.max(0, needed - 1)] : -1;
    }

    int notBack() {
        return clients - backMillisSorted.length;
    }

    double idealRecoveryMillis() {
        return 1000.0 * clients / capacityPerSecond;
    }
}
