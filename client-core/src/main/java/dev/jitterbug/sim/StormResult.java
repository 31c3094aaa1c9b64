package dev.jitterbug.sim;

import java.util.Locale;

/**
 * What a storm did: attempts per 100 ms, when 50/90/99/100 % of the fleet was back (ms after the node died, -1 if
 * never within the time limit), total attempts, and the peak load as a multiple of the server's capacity.
 */
public final class StormResult {
    private final StormScenario scenario;
    private final int[] attemptsPerBucket;
    private final long timeTo50Millis;
    private final long timeTo90Millis;
    private final long timeTo99Millis;
    private final long timeTo100Millis;
    private final long totalAttempts;
    private final int neverBack;
    private final long simulationWallMillis;

    StormResult(StormScenario scenario, int[] attemptsPerBucket, long timeTo50Millis, long timeTo90Millis,
            long timeTo99Millis, long timeTo100Millis, long totalAttempts, int neverBack, long simulationWallMillis) {
        this.scenario = scenario;
        this.attemptsPerBucket = attemptsPerBucket;
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

    /** Whether the storm met the project's goal: peak ≤ C and time to 99 % ≤ 1.5 × N ÷ C. */
    public boolean meetsGoal() {
        return peakLoadRatio() <= 1.0 && recoveryRatio() <= 1.5;
    }

    /** One paragraph for people, e.g. for {@code config check}. */
    public String summary() {
        return String.format(Locale.ROOT,
                "%s: %,d clients, server %,d sessions/s. Back: 50%% after %s, 90%% after %s, 99%% after %s, all after %s"
                        + " (N/C = %s). %,d attempts (%.2f per client). Peak %,d attempts/s = %.2f x capacity. Goal"
                        + " (peak <= capacity, 99%% within 1.5 x N/C): %s.",
                scenario.name(), scenario.clients(), scenario.capacityPerSecond(), seconds(timeTo50Millis),
                seconds(timeTo90Millis), seconds(timeTo99Millis), seconds(timeTo100Millis),
                seconds(scenario.idealRecoveryMillis()), totalAttempts, (double) totalAttempts / scenario.clients(),
                peakAttemptsPerSecond(), peakLoadRatio(), meetsGoal() ? "met" : "missed");
    }

    static String seconds(long millis) {
        return millis < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
