package dev.jitterbug.transport;

import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.xml.XmlLimits;
import okhttp3.OkHttpClient;

/** What any transport may need from the client that makes it: the HTTP client, timers, limits and settings. */
public final class TransportContext {
    private final OkHttpClient http;
    private final Scheduler scheduler;
    private final RetryPlanner planner;
    private final XmlLimits limits;
    private final BoshSettings bosh;

    public TransportContext(OkHttpClient http, Scheduler scheduler, RetryPlanner planner, XmlLimits limits,
            BoshSettings bosh) {
        this.http = http;
        this.scheduler = scheduler;
        this.planner = planner;
        this.limits = limits;
        this.bosh = bosh;
    }

    public OkHttpClient http() {
        return http;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Plans the waits of a transport's own retries (BOSH resends). */
    public RetryPlanner planner() {
        return planner;
    }

    public XmlLimits limits() {
        return limits;
    }

    public BoshSettings bosh() {
        return bosh;
    }

    /** BOSH's timing from the retry config in force (XEP-0124 {@code wait}, {@code hold}, the first poll's delay). */
    public static final class BoshSettings {
        private final int waitSeconds;
        private final int hold;
        private final long initialPollDelayMillis;

        public BoshSettings(int waitSeconds, int hold, long initialPollDelayMillis) {
            this.waitSeconds = waitSeconds;
            this.hold = hold;
            this.initialPollDelayMillis = initialPollDelayMillis;
        }

        public int waitSeconds() {
            return waitSeconds;
        }

        public int hold() {
            return hold;
        }

        public long initialPollDelayMillis() {
            return initialPollDelayMillis;
        }
    }
}
