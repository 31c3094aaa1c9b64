package dev.jitterbug.sim;

import java.util.Arrays;

/** Counts attempts per 100 ms bucket and when each share of the fleet was back. */
final class StormRecorder {
    static final int BUCKET_MILLIS = 100;
    private static final double[] SHARES = {0.50, 0.90, 0.99, 1.00};

    private final int clients;
    private final long[] timeToShareMillis = new long[SHARES.length];
    private int[] attemptsPerBucket = new int[1024];
    private int lastBucket = -1;
    private long totalAttempts;
    private int back;

    StormRecorder(int clients) {
        this.clients = clients;
        Arrays.fill(timeToShareMillis, -1);
    }

    void attempt(long atMillis) {
        int bucket = (int) (atMillis / BUCKET_MILLIS);
        if (bucket >= attemptsPerBucket.length) {
            attemptsPerBucket = Arrays.copyOf(attemptsPerBucket, Math.max(bucket + 1, attemptsPerBucket.length * 2));
        }
        attemptsPerBucket[bucket]++;
        lastBucket = Math.max(lastBucket, bucket);
        totalAttempts++;
    }

    void back(long atMillis) {
        back++;
        for (int i = 0; i < SHARES.length; i++) {
            if (timeToShareMillis[i] < 0 && back >= Math.ceil(SHARES[i] * clients)) {
                timeToShareMillis[i] = atMillis;
            }
        }
    }

    int back() {
        return back;
    }

    StormResult result(StormScenario scenario, long runMillis) {
        int[] buckets = Arrays.copyOf(attemptsPerBucket, lastBucket + 1);
        return new StormResult(scenario, buckets, timeToShareMillis[0], timeToShareMillis[1], timeToShareMillis[2],
                timeToShareMillis[3], totalAttempts, clients - back, runMillis);
    }
}
