package dev.jitterbug.config;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import dev.jitterbug.reconnect.RetryPolicy;

/**
 * The parameters that govern reconnecting, as an operator publishes them (see the README's configuration
 * reference). Immutable; {@link #defaults()} are the built-in values used before any document was ever fetched.
 */
public final class RetryConfig {
    private final String version;
    private final BackoffAlgorithm algorithm;
    private final long baseMillis;
    private final long capMillis;
    private final double multiplier;
    private final long serverFailureSpreadMillis;
    private final long blipRetryWindowMillis;
    private final long pingIntervalMillis;
    private final long deadLinkTimeoutMillis;
    private final long connectTimeoutMillis;
    private final int boshWaitSeconds;
    private final int boshHold;
    private final long boshInitialPollDelayMillis;
    private final boolean resumptionEnabled;
    private final boolean preferSasl2;
    private final boolean stickyRoute;
    private final long statusQuietMillis;
    private final long refreshIntervalMillis;

    private RetryConfig(Builder b) {
        this.version = b.version;
        this.algorithm = b.algorithm;
        this.baseMillis = b.baseMillis;
        this.capMillis = b.capMillis;
        this.multiplier = b.multiplier;
        this.serverFailureSpreadMillis = b.serverFailureSpreadMillis;
        this.blipRetryWindowMillis = b.blipRetryWindowMillis;
        this.pingIntervalMillis = b.pingIntervalMillis;
        this.deadLinkTimeoutMillis = b.deadLinkTimeoutMillis;
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.boshWaitSeconds = b.boshWaitSeconds;
        this.boshHold = b.boshHold;
        this.boshInitialPollDelayMillis = b.boshInitialPollDelayMillis;
        this.resumptionEnabled = b.resumptionEnabled;
        this.preferSasl2 = b.preferSasl2;
        this.stickyRoute = b.stickyRoute;
        this.statusQuietMillis = b.statusQuietMillis;
        this.refreshIntervalMillis = b.refreshIntervalMillis;
    }

    /** The built-in configuration. */
    public static RetryConfig defaults() {
        return new Builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * How session reconnects wait, as this config describes it: pulled inside the hard limits first (a config built
     * in code never went through validation). The simulator's anti-patterns, which no document can name, run as given.
     */
    public RetryPolicy reconnectPolicy() {
        RetryConfig c = algorithm.documentAllowed() ? HardLimits.clamp(this) : this;
        return RetryPolicy.reconnect(c.algorithm, c.baseMillis, c.capMillis, c.multiplier, c.serverFailureSpreadMillis,
                c.blipRetryWindowMillis, c.connectTimeoutMillis);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The operator's label for this document ("builtin" for the defaults). */
    public String version() {
        return version;
    }

    public BackoffAlgorithm algorithm() {
        return algorithm;
    }

    /** The smallest backoff delay (and the fixed delay for {@link BackoffAlgorithm#FIXED}). */
    public long baseMillis() {
        return baseMillis;
    }

    /** The largest backoff delay. */
    public long capMillis() {
        return capMillis;
    }

    /** Growth factor per attempt (exponential family) or the upper bound factor (decorrelated family). */
    public double multiplier() {
        return multiplier;
    }

    /** After a server-side failure, the first attempt is spread uniformly over [0, this). */
    public long serverFailureSpreadMillis() {
        return serverFailureSpreadMillis;
    }

    /** After a local blip, the first attempt is spread uniformly over [0, this). */
    public long blipRetryWindowMillis() {
        return blipRetryWindowMillis;
    }

    /** How often a quiet link is probed (XEP-0198 {@code <r/>}, or an XEP-0199 ping). */
    public long pingIntervalMillis() {
        return pingIntervalMillis;
    }

    /** How long a probe may go unanswered before the link counts as dead. */
    public long deadLinkTimeoutMillis() {
        return deadLinkTimeoutMillis;
    }

    /** How long one connection attempt (transport and login) may take. */
    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** BOSH {@code wait}: how long the connection manager may hold an empty request. */
    public int boshWaitSeconds() {
        return boshWaitSeconds;
    }

    /** BOSH {@code hold}: how many requests the connection manager may keep waiting. */
    public int boshHold() {
        return boshHold;
    }

    /** Delay before the first empty BOSH poll after a session is created. */
    public long boshInitialPollDelayMillis() {
        return boshInitialPollDelayMillis;
    }

    /** Whether to try XEP-0198 resumption before a full login. */
    public boolean resumptionEnabled() {
        return resumptionEnabled;
    }

    /** Whether to use SASL2 + Bind2 when the server offers them. */
    public boolean preferSasl2() {
        return preferSasl2;
    }

    /**
     * Whether every WebSocket and BOSH URL carries {@code route=} a random token of this client, so that a balancer
     * sticking on it sends a dropped link back to the node that holds its session (for servers that cannot move
     * sessions between nodes).
     */
    public boolean stickyRoute() {
        return stickyRoute;
    }

    /** Outages shorter than this are not shown to the user at all. */
    public long statusQuietMillis() {
        return statusQuietMillis;
    }

    /** How often the retry config itself is refreshed while connected. */
    public long refreshIntervalMillis() {
        return refreshIntervalMillis;
    }

    @Override
    public String toString() {
        return "RetryConfig{" + version + ", " + algorithm.jsonName() + " base=" + baseMillis + "ms cap=" + capMillis
                + "ms x" + multiplier + ", spread=" + serverFailureSpreadMillis + "ms, blip=" + blipRetryWindowMillis
                + "ms, ping=" + pingIntervalMillis + "ms}";
    }

    /** Builds a config; unset fields keep the built-in defaults. No validation here (see the config loader). */
    public static final class Builder {
        private String version = "builtin";
        // The reconnect defaults are the built-in policy's, so the two cannot drift apart.
        private BackoffAlgorithm algorithm = RetryPolicy.BUILT_IN_RECONNECT.algorithm();
        private long baseMillis = RetryPolicy.BUILT_IN_RECONNECT.baseMillis();
        private long capMillis = RetryPolicy.BUILT_IN_RECONNECT.capMillis();
        private double multiplier = RetryPolicy.BUILT_IN_RECONNECT.multiplier();
        private long serverFailureSpreadMillis = RetryPolicy.BUILT_IN_RECONNECT.spreadMillis();
        private long blipRetryWindowMillis = RetryPolicy.BUILT_IN_RECONNECT.quickWindowMillis();
        private long pingIntervalMillis = 30_000;
        private long deadLinkTimeoutMillis = 10_000;
        private long connectTimeoutMillis = RetryPolicy.BUILT_IN_RECONNECT.attemptTimeoutMillis();
        private int boshWaitSeconds = 60;
        private int boshHold = 1;
        private long boshInitialPollDelayMillis = 0;
        private boolean resumptionEnabled = true;
        private boolean preferSasl2 = true;
        private boolean stickyRoute;
        private long statusQuietMillis = 1_500;
        private long refreshIntervalMillis = 3_600_000;

        private Builder() {
        }

        private Builder(RetryConfig c) {
            version = c.version;
            algorithm = c.algorithm;
            baseMillis = c.baseMillis;
            capMillis = c.capMillis;
            multiplier = c.multiplier;
            serverFailureSpreadMillis = c.serverFailureSpreadMillis;
            blipRetryWindowMillis = c.blipRetryWindowMillis;
            pingIntervalMillis = c.pingIntervalMillis;
            deadLinkTimeoutMillis = c.deadLinkTimeoutMillis;
            connectTimeoutMillis = c.connectTimeoutMillis;
            boshWaitSeconds = c.boshWaitSeconds;
            boshHold = c.boshHold;
            boshInitialPollDelayMillis = c.boshInitialPollDelayMillis;
            resumptionEnabled = c.resumptionEnabled;
            preferSasl2 = c.preferSasl2;
            stickyRoute = c.stickyRoute;
            statusQuietMillis = c.statusQuietMillis;
            refreshIntervalMillis = c.refreshIntervalMillis;
        }

        public Builder version(String v) { this.version = v; return this; }
        public Builder algorithm(BackoffAlgorithm v) { this.algorithm = v; return this; }
        public Builder baseMillis(long v) { this.baseMillis = v; return this; }
        public Builder capMillis(long v) { this.capMillis = v; return this; }
        public Builder multiplier(double v) { this.multiplier = v; return this; }
        public Builder serverFailureSpreadMillis(long v) { this.serverFailureSpreadMillis = v; return this; }
        public Builder blipRetryWindowMillis(long v) { this.blipRetryWindowMillis = v; return this; }
        public Builder pingIntervalMillis(long v) { this.pingIntervalMillis = v; return this; }
        public Builder deadLinkTimeoutMillis(long v) { this.deadLinkTimeoutMillis = v; return this; }
        public Builder connectTimeoutMillis(long v) { this.connectTimeoutMillis = v; return this; }
        public Builder boshWaitSeconds(int v) { this.boshWaitSeconds = v; return this; }
        public Builder boshHold(int v) { this.boshHold = v; return this; }
        public Builder boshInitialPollDelayMillis(long v) { this.boshInitialPollDelayMillis = v; return this; }
        public Builder resumptionEnabled(boolean v) { this.resumptionEnabled = v; return this; }
        public Builder preferSasl2(boolean v) { this.preferSasl2 = v; return this; }
        public Builder stickyRoute(boolean v) { this.stickyRoute = v; return this; }
        public Builder statusQuietMillis(long v) { this.statusQuietMillis = v; return this; }
        public Builder refreshIntervalMillis(long v) { this.refreshIntervalMillis = v; return this; }

        public RetryConfig build() {
            return new RetryConfig(this);
        }
    }
}
