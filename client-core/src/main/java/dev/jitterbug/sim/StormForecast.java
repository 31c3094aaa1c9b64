package dev.jitterbug.sim;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.config.ReconnectForecast;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.VirtualScheduler;
import dev.jitterbug.reconnect.Reconnector;
import dev.jitterbug.reconnect.RetryPolicy;
import dev.jitterbug.reconnect.SessionConnector;
import dev.jitterbug.reconnect.SplitMixRandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code config check} shows an operator before pushing a config: one account's first waits and the
 * node-kill storm, both computed by the real {@link Reconnector} on virtual time.
 */
public final class StormForecast implements ReconnectForecast {
    /** The server capacity assumed when the operator names none: 500 session acquisitions per second per node. */
    public static final int DEFAULT_CAPACITY_PER_SECOND = 500;
    private static final int MAX_CURVE_LINES = 24;
    private static final Failure SHUTDOWN = Failure.streamError("system-shutdown", null,
            "The server is shutting down (forecast).");

    private final int capacityPerSecond;

    public StormForecast(int capacityPerSecond) {
        if (capacityPerSecond < 1) {
            throw new IllegalArgumentException("the server capacity must be at least 1 session per second (was "
                    + capacityPerSecond + ")");
        }
        this.capacityPerSecond = capacityPerSecond;
    }

    /** The waits one account chooses while the server keeps failing; the jitter is seeded from its JID. */
    @Override
    public List<Long> sampleWaits(RetryConfig config, String bareJid, int count) {
        VirtualScheduler scheduler = new VirtualScheduler();
        List<Long> waits = new ArrayList<>();
        SessionConnector alwaysFailing = new SessionConnector() {
            private boolean firstLogin = true;

            @Override
            public void connect(String redirect, Callback callback) {
                if (firstLogin) {
                    firstLogin = false;
                    callback.established(false);
                } else {
                    callback.failed(SHUTDOWN);
                }
            }

            @Override
            public void abort() {
            }
        };
        RetryPolicy policy = config.reconnectPolicy();
        Reconnector client = new Reconnector(scheduler, () -> policy, alwaysFailing,
                new SplitMixRandomSource(bareJid == null ? 0 : bareJid.hashCode()), (ConnectionEvent event) -> {
                    if (event.state() == ConnectionState.WAITING) {
                        waits.add(event.delayMillis());
                    }
                });
        client.start();
        scheduler.advanceBy(0);
        client.sessionLost(SHUTDOWN);
        while (waits.size() < count && scheduler.runNext()) {
            // each step is one wait or one failed attempt
        }
        client.stop();
        return waits.size() > count ? waits.subList(0, count) : waits;
    }

    /** The summary, then attempts per second over time (a text bar per time slice) until everyone is back. */
    @Override
    public List<String> loadCurve(RetryConfig config, int fleetSize) {
        StormResult result = StormSimulator.predict(config, fleetSize, capacityPerSecond);
        List<String> lines = new ArrayList<>();
        lines.add(result.summary());
        if (!result.meetsGoal() || result.peakLoginsPerSecond() > capacityPerSecond) {
            long spread = StormScenarios.sizedToFleet(config, fleetSize, capacityPerSecond).serverFailureSpreadMillis();
            lines.add(String.format(Locale.ROOT, "For this fleet, firstAttempt.serverFailureSpreadMillis = %d"
                    + " (1.25 x N/C) spreads the first wave below capacity.", spread));
        }
        int[] buckets = result.attemptsPerBucket();
        int perSecond = 1000 / StormResult.bucketMillis();
        int secondsPerSlice = Math.max(1, (buckets.length + MAX_CURVE_LINES * perSecond - 1) / (MAX_CURVE_LINES * perSecond));
        int bucketsPerSlice = secondsPerSlice * perSecond;
        double peakRate = 0;
        List<double[]> slices = new ArrayList<>();
        for (int start = 0; start < buckets.length; start += bucketsPerSlice) {
            long sum = 0;
            int end = Math.min(buckets.length, start + bucketsPerSlice);
            for (int i = start; i < end; i++) {
                sum += buckets[i];
            }
            double seconds = (end - start) * StormResult.bucketMillis() / 1000.0;
            double rate = sum / seconds;
            peakRate = Math.max(peakRate, rate);
            slices.add(new double[] {start * StormResult.bucketMillis() / 1000.0,
                end * StormResult.bucketMillis() / 1000.0, rate});
        }
        lines.add(String.format(Locale.ROOT, "attempts per second (| marks capacity %,d/s):", capacityPerSecond));
        for (double[] slice : slices) {
            lines.add(String.format(Locale.ROOT, "%6.0f-%-6.0f s %,9.0f/s %s", slice[0], slice[1], slice[2],
                    bar(slice[2], peakRate)));
        }
        return lines;
    }

    private String bar(double rate, double peakRate) {
        int width = 40;
        int length = peakRate <= 0 ? 0 : (int) Math.round(width * rate / peakRate);
        int capacityMark = peakRate <= 0 ? -1 : (int) Math.round(width * capacityPerSecond / peakRate);
        StringBuilder bar = new StringBuilder();
        for (int i = 0; i < Math.max(length, Math.min(capacityMark + 1, width)); i++) {
            bar.append(i == capacityMark ? '|' : i < length ? '#' : ' ');
        }
        return bar.toString();
    }
}
