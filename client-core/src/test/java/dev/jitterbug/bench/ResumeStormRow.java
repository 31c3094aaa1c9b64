package dev.jitterbug.bench;

import dev.jitterbug.sim.StormResult;
import java.util.Arrays;
import java.util.List;

/** One real storm of {@link ResumeStormBenchmark}: what happened, what it cost both sides, what the model predicted. */
final class ResumeStormRow {
    static final long QUIET_MILLIS = 1_500; // statusQuietMillis: shorter outages never show the status chip

    final String name;
    final int clients;
    final long outageMillis;
    final int attempts;
    final int[] attemptsPerBucket;
    final int[] resumesPerBucket;
    final int[] loginsPerBucket;
    final long[] backMillisSorted;
    final int wentDown;
    final int resumes;
    final int logins;
    final int shownOut;
    final int lost;
    final int duplicated;
    final CpuMeter cpu;
    int capacity;
    int resumeCapacity;
    CpuMeter loginCpu;
    StormResult predicted;

    ResumeStormRow(String name, int clients, long startNanos, long outageMillis, List<Long> attemptNanos,
            BenchFleet fleet, CpuMeter cpu) {
        this.name = name;
        this.clients = clients;
        this.outageMillis = outageMillis;
        this.cpu = cpu;
        this.attempts = attemptNanos.size();
        this.attemptsPerBucket = buckets(attemptNanos.stream().mapToLong(Long::longValue).toArray(), startNanos);
        List<long[]> sessions = fleet.sessions();
        this.resumes = (int) sessions.stream().filter(s -> s[1] == 1).count();
        this.logins = sessions.size() - resumes;
        this.resumesPerBucket = buckets(sessions.stream().filter(s -> s[1] == 1).mapToLong(s -> s[0]).toArray(),
                startNanos);
        this.loginsPerBucket = buckets(sessions.stream().filter(s -> s[1] == 0).mapToLong(s -> s[0]).toArray(),
                startNanos);
        long[] back = fleet.backTimes();
        this.backMillisSorted = new long[back.length];
        for (int i = 0; i < back.length; i++) {
            backMillisSorted[i] = (back[i] - startNanos) / 1_000_000L;
        }
        Arrays.sort(backMillisSorted);
        this.wentDown = fleet.wentDown();
        this.shownOut = fleet.shownOut(QUIET_MILLIS);
        int lostCount = 0;
        int extra = 0;
        for (int count : fleet.receivedCounts()) {
            lostCount += count == 0 ? 1 : 0;
            extra += Math.max(0, count - 1);
        }
        this.lost = lostCount;
        this.duplicated = extra;
    }

    ResumeStormRow withCapacities(int capacity, int resumeCapacity, CpuMeter loginCpu) {
        this.capacity = capacity;
        this.resumeCapacity = resumeCapacity;
        this.loginCpu = loginCpu;
        return this;
    }

    ResumeStormRow predicted(StormResult result) {
        this.predicted = result;
        return this;
    }

    /** Server CPU per session established in this storm (resume or login, with the ring's messages). */
    double serverMillisPerSession() {
        return cpu.serverMillis() / Math.max(1, resumes + logins);
    }

    /** Milliseconds until {@code share} of the clients that went down were back; -1 if never, 0 if none went down. */
    long timeToMillis(double share) {
        if (wentDown == 0) {
            return 0;
        }
        int needed = (int) Math.ceil(share * wentDown);
        return needed <= backMillisSorted.length ? backMillisSorted[Math.max(0, needed - 1)] : -1;
    }

    int stranded() {
        return wentDown - backMillisSorted.length;
    }

    int peakLoginsPerSecond() {
        return StormResult.peakPerSecond(loginsPerBucket, AttemptsChart.BUCKET_MILLIS);
    }

    /** Why the client harness, not the server, may have set the pace; null if the run is valid. */
    String invalidBecause() {
        if (resumes + logins == 0) {
            return "no session was re-established, so there is no cost per session to compare";
        }
        return cpu.invalidBecause(resumes + logins);
    }

    private static int[] buckets(long[] nanos, long startNanos) {
        long last = 0;
        for (long at : nanos) {
            last = Math.max(last, at - startNanos);
        }
        int[] buckets = new int[(int) (last / 1_000_000L / AttemptsChart.BUCKET_MILLIS) + 1];
        for (long at : nanos) {
            buckets[(int) (Math.max(0, at - startNanos) / 1_000_000L / AttemptsChart.BUCKET_MILLIS)]++;
        }
        return buckets;
    }
}
