package dev.jitterbug.sim;

import java.util.Locale;

/**
 * What a storm did: attempts per 100 ms, when 50/90/99/100 % of the fleet was back (ms after the node died, -1 if
 * never within the time limit), total attempts, and the peak load as a multiple of the server's capacity.
 */
public final class StormResult {
    private final StormScenario scenario;
    private final int[] attemptsPerBucket;
    private final int[] resumesPerBucket;
    private final int[] loginsPerBucket;
    private final long resumeAttempts;
    private final int shownOut;
    private final long timeTo50Millis;
    private final long timeTo90Millis;
    private final long timeTo99Millis;
    private final long timeTo100Millis;
    private final long totalAttempts;
    private final int neverBack;
    private final long simulationWallMillis;

    StormResult(StormScenario scenario, int[] resumesPerBucket, int[] loginsPerBucket, int[] refusedPerBucket,
            long timeTo50Millis,
            long timeTo90Millis, long timeTo99Millis, long timeTo100Millis, long totalAttempts, long resumeAttempts,
            int neverBack, int shownOut, long simulationWallMillis) {
        this.scenario = scenario;
        this.resumesPerBucket = resumesPerBucket;
        this.loginsPerBucket = loginsPerBucket;
        this.attemptsPerBucket = new int[resumesPerBucket.length];
        for (int i = 0; i < attemptsPerBucket.length; i++) {
            attemptsPerBucket[i] = resumesPerBucket[i] + loginsPerBucket[i] + refusedPerBucket[i];
        }
        this.resumeAttempts = resumeAttempts;
        this.shownOut = shownOut;
        this.timeTo50Millis = timeTo50Millis;
        this.timeTo90Millis = timeTo90Millis;
        this.timeTo99Millis = timeTo99Millis;
        this.timeTo100Millis = timeTo100Millis;
        this.totalAttempts = totalAttempts;
        this.neverBack = neverBack;
        this.simulationWallMillis = simulationWallMillis;
    }

    public StormScenario scenario() {
        return scenario;
    }

    /** Bucket width of {@link #attemptsPerBucket()}. */
    public static int bucketMillis() {
        return StormRecorder.BUCKET_MILLIS;
    }

    /** Attempts started in each 100 ms after the node died (a copy). */
    public int[] attemptsPerBucket() {
        return attemptsPerBucket.clone();
    }

    /** Resume attempts that reached a running server, in each 100 ms (a copy). */
    public int[] resumesPerBucket() {
        return resumesPerBucket.clone();
    }

    /** Full-login attempts that reached a running server, in each 100 ms (a copy). */
    public int[] loginsPerBucket() {
        return loginsPerBucket.clone();
    }

    /** Attempts that resumed or only tried to (refused ones included); the rest were full logins. */
    public long resumeAttempts() {
        return resumeAttempts;
    }

    public long loginAttempts() {
        return totalAttempts - resumeAttempts;
    }

    /** The most full-login attempts a running server saw in any one-second window: what a node kill costs it. */
    public int peakLoginsPerSecond() {
        return peakPerSecond(loginsPerBucket, StormRecorder.BUCKET_MILLIS);
    }

    /** The most resume attempts in any one-second window. */
    public int peakResumesPerSecond() {
        return peakPerSecond(resumesPerBucket, StormRecorder.BUCKET_MILLIS);
    }

    /**
     * Clients whose outage (from noticing it to a working session again) lasted at least the status chip's quiet
     * time, so their user saw it; clients never back count too.
     */
    public int shownOut() {
        return shownOut;
    }

    public double shownShare() {
        return (double) shownOut / scenario.clients();
    }

    public long timeTo50Millis() {
        return timeTo50Millis;
    }

    public long timeTo90Millis() {
        return timeTo90Millis;
    }

    public long timeTo99Millis() {
        return timeTo99Millis;
    }

    public long timeTo100Millis() {
        return timeTo100Millis;
    }

    public long totalAttempts() {
        return totalAttempts;
    }

    /** Clients still not back when the run hit its time limit. */
    public int neverBack() {
        return neverBack;
    }

    /** How long the simulation itself took on this machine (real time). */
    public long simulationWallMillis() {
        return simulationWallMillis;
    }

    /** The most attempts in any one-second window (sliding in 100 ms steps). */
    public int peakAttemptsPerSecond() {
        return peakPerSecond(attemptsPerBucket, StormRecorder.BUCKET_MILLIS);
    }

    /**
     * The most events in any one-second window sliding over {@code bucketMillis}-wide buckets: the one peak rule for
     * the simulator and for storms against a real server, so their numbers compare.
     */
    public static int peakPerSecond(int[] perBucket, int bucketMillis) {
        int window = 1000 / bucketMillis;
        int sum = 0;
        int peak = 0;
        for (int i = 0; i < perBucket.length; i++) {
            sum += perBucket[i];
            if (i >= window) {
                sum -= perBucket[i - window];
            }
            peak = Math.max(peak, sum);
        }
        return peak;
    }

    /** Peak attempts per second ÷ C: at most 1.0 means the fleet never asked for more than the server can do. */
    public double peakLoadRatio() {
        return (double) peakAttemptsPerSecond() / scenario.capacityPerSecond();
    }

    /** Time to 99 % back ÷ (N ÷ C): 1.0 is a perfectly paced recovery. */
    public double recoveryRatio() {
        return timeTo99Millis < 0 ? Double.POSITIVE_INFINITY : (double) timeTo99Millis / scenario.idealRecoveryMillis();
    }

    /** Whether the storm met the project's goal for its kind (see {@link #goal()}). */
    public boolean meetsGoal() {
        if (!scenario.resumable()) {
            return peakLoadRatio() <= 1.0 && recoveryRatio() <= 1.5;
        }
        boolean loginsPaced = peakLoginsPerSecond() <= 1.5 * scenario.capacityPerSecond();
        switch (scenario.kind()) {
            case LINK_DROP:
                return neverBack == 0 && loginAttempts() == 0 && timeTo99Millis >= 0
                        && timeTo99Millis <= linkDropBoundMillis()
                        && totalAttempts <= 1.1 * scenario.clients();
            case FREEZE:
            case NODE_KILL:
            default:
                return neverBack == 0 && loginsPaced;
        }
    }

    /** The goal {@link #meetsGoal()} checks, in words. */
    public String goal() {
        if (!scenario.resumable()) {
            return "peak <= capacity, 99% within 1.5 x N/C";
        }
        switch (scenario.kind()) {
            case LINK_DROP:
                return String.format(Locale.ROOT, "99%% resumed within %s, 0 logins, <= 1.1 attempts per client",
                        seconds(linkDropBoundMillis()));
            case FREEZE:
            case NODE_KILL:
            default:
                return "nobody stranded, full logins <= 1.5 x C per second";
        }
    }

    /** The link-drop bound: 1.2 × max(1.5 s, N ÷ C_resume). */
    public long linkDropBoundMillis() {
        return (long) Math.ceil(1.2 * Math.max(1_500, scenario.idealRecoveryMillis()));
    }

    /** One paragraph for people, e.g. for {@code config check}. */
    public String summary() {
        boolean loginsOnly = scenario.kind() == StormScenario.Kind.NODE_KILL;
        return String.format(Locale.ROOT,
                "%s: %,d clients, server %,d logins/s, %,d resumes/s. Back: 50%% after %s, 90%% after %s, 99%% after"
                        + " %s, all after %s (%s = %s). %,d attempts (%.2f per client: %,d resumes, %,d full logins)."
                        + " Peak %,d attempts/s = %.2f x capacity; peak full logins %,d/s. Goal (%s): %s.",
                scenario.name(), scenario.clients(), scenario.capacityPerSecond(), scenario.resumeCapacityPerSecond(),
                seconds(timeTo50Millis), seconds(timeTo90Millis), seconds(timeTo99Millis), seconds(timeTo100Millis),
                loginsOnly ? "N/C" : "N/C_resume", seconds(scenario.idealRecoveryMillis()), totalAttempts,
                (double) totalAttempts / scenario.clients(), resumeAttempts, loginAttempts(), peakAttemptsPerSecond(),
                peakLoadRatio(), peakLoginsPerSecond(), goal(), meetsGoal() ? "met" : "missed");
    }

    static String seconds(long millis) {
        return millis < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
