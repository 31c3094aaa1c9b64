package dev.jitterbug.sim;

import java.util.Arrays;

/**
 * Counts attempts (resumes and full logins apart) per 100 ms bucket, when each share of the fleet was back, and how
 * many clients were out long enough for the status chip to show it.
 */
final class StormRecorder {
    static final int BUCKET_MILLIS = 100;
    private static final double[] SHARES = {0.50, 0.90, 0.99, 1.00};

    private final int clients;
    private final long quietMillis;
    private final long[] timeToShareMillis = new long[SHARES.length];
    /** When each client noticed the outage (ms after it began), or -1. */
    private final int[] noticedAtMillis;
    private final boolean[] isBack;
    private int[] resumesPerBucket = new int[1024];
    private int[] loginsPerBucket = new int[1024];
    private int[] refusedPerBucket = new int[1024];
    private int lastBucket = -1;
    private long totalAttempts;
    private long resumes;
    private int back;
    private int shown;

    StormRecorder(int clients, long quietMillis) {
        this.clients = clients;
        this.quietMillis = quietMillis;
        this.noticedAtMillis = new int[clients];
        this.isBack = new boolean[clients];
        Arrays.fill(noticedAtMillis, -1);
        Arrays.fill(timeToShareMillis, -1);
    }

    void noticed(int client, long atMillis) {
        noticedAtMillis[client] = (int) atMillis;
    }

    /**
     * One attempt: a resume or a full login that reached a running server (accepted, queued or answered 503), or
     * a connection a dead node refused (no work for anyone).
     */
    void attempt(long atMillis, boolean resume, boolean refused) {
        int bucket = (int) (atMillis / BUCKET_MILLIS);
        if (bucket >= resumesPerBucket.length) {
            int size = Math.max(bucket + 1, resumesPerBucket.length * 2);
            resumesPerBucket = Arrays.copyOf(resumesPerBucket, size);
            loginsPerBucket = Arrays.copyOf(loginsPerBucket, size);
            refusedPerBucket = Arrays.copyOf(refusedPerBucket, size);
        }
        (refused ? refusedPerBucket : resume ? resumesPerBucket : loginsPerBucket)[bucket]++;
        lastBucket = Math.max(lastBucket, bucket);
        totalAttempts++;
        if (resume) {
            resumes++;
        }
    }

    /** The client has a working session again (or, unaware of a freeze, simply works again). */
    void back(int client, long atMillis) {
        if (isBack[client]) {
            return;
        }
        isBack[client] = true;
        back++;
        if (noticedAtMillis[client] >= 0 && atMillis - noticedAtMillis[client] >= quietMillis) {
            shown++;
        }
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
        int[] resumed = Arrays.copyOf(resumesPerBucket, lastBucket + 1);
        int[] logins = Arrays.copyOf(loginsPerBucket, lastBucket + 1);
        int[] refused = Arrays.copyOf(refusedPerBucket, lastBucket + 1);
        // Clients still out at the time limit were shown as out too.
        int shownAtEnd = shown + (clients - back);
        return new StormResult(scenario, resumed, logins, refused, timeToShareMillis[0], timeToShareMillis[1],
                timeToShareMillis[2], timeToShareMillis[3], totalAttempts, resumes, clients - back, shownAtEnd,
                runMillis);
    }
}
