package dev.jitterbug.sim;

import dev.jitterbug.config.RetryConfig;

/**
 * One storm to simulate: {@code clients} sessions hit by an outage at t = 0. A {@linkplain Kind#NODE_KILL node kill}
 * takes the sessions with it and the node is back after {@code outageMillis}; a {@linkplain Kind#LINK_DROP link drop}
 * resets every connection while the sessions stay alive; a {@linkplain Kind#FREEZE freeze} stops the server for
 * {@code outageMillis} without closing anything (clients notice only through their probes). The service acquires at
 * most {@code capacityPerSecond} full logins or {@code resumeCapacityPerSecond} resumes per second (one shared
 * pipeline: a resume costs the server less than a login), queues up to {@code queueLimit} logins' worth of work and
 * answers the rest with HTTP 503; a connection refused by a dead node costs it nothing. The retry config is used as
 * given: the simulator does not apply the config service's validation or hard floors, so it can reproduce the
 * anti-patterns.
 */
public final class StormScenario {
    /** What happens at t = 0. */
    public enum Kind {
        /** The node dies with its sessions and comes back empty: every client must log in again. */
        NODE_KILL,
        /** Every connection is reset; the server and its sessions stay up, so clients can resume. */
        LINK_DROP,
        /** The server stops (SIGSTOP) and continues (SIGCONT) with its sessions; connections stay open. */
        FREEZE
    }

    /** What a resume costs the server relative to a full login, when no measured capacity is given. */
    public static final int DEFAULT_RESUMES_PER_LOGIN = 4;

    /** Virtual time after which a run gives up on clients that are still not back. */
    public static final long DEFAULT_TIME_LIMIT_MILLIS = 4 * 3_600_000L;

    private final String name;
    private final Kind kind;
    private final RetryConfig config;
    private final int clients;
    private final int capacityPerSecond;
    private final int resumeCapacityPerSecond;
    private final int queueLimit;
    private final long nodeDownMillis;
    private final long seed;
    private final long timeLimitMillis;
    private final boolean resumable;

    public StormScenario(String name, RetryConfig config, int clients, int capacityPerSecond, int queueLimit,
            long nodeDownMillis, long seed, long timeLimitMillis) {
        this(name, Kind.NODE_KILL, config, clients, capacityPerSecond, capacityPerSecond * DEFAULT_RESUMES_PER_LOGIN,
                queueLimit, nodeDownMillis, seed, timeLimitMillis, true);
    }

    /**
     * @param resumable whether the clients hold XEP-0198 sessions they may resume (Jitterbug does; the seed story's
     *                  web client did not, so after any drop it could only log in)
     */
    public StormScenario(String name, Kind kind, RetryConfig config, int clients, int capacityPerSecond,
            int resumeCapacityPerSecond, int queueLimit, long nodeDownMillis, long seed, long timeLimitMillis,
            boolean resumable) {
        if (kind == null) {
            throw new IllegalArgumentException("a storm scenario needs a kind (node kill, link drop or freeze)");
        }
        if (resumeCapacityPerSecond < 1) {
            throw new IllegalArgumentException("the server must resume at least 1 session per second (was "
                    + resumeCapacityPerSecond + ")");
        }
        if (clients < 1 || clients > 10_000_000) {
            throw new IllegalArgumentException("a storm needs between 1 and 10,000,000 clients (was " + clients + ")");
        }
        if (capacityPerSecond < 1) {
            throw new IllegalArgumentException("the server must acquire at least 1 session per second (was "
                    + capacityPerSecond + ")");
        }
        if (queueLimit < 0 || nodeDownMillis < 0 || timeLimitMillis < 1) {
            throw new IllegalArgumentException("queue limit and node down time must not be negative, and the time limit"
                    + " must be positive (were " + queueLimit + ", " + nodeDownMillis + " ms, " + timeLimitMillis + " ms)");
        }
        if (config == null || name == null) {
            throw new IllegalArgumentException("a storm scenario needs a name and a retry config");
        }
        this.name = name;
        this.kind = kind;
        this.config = config;
        this.clients = clients;
        this.capacityPerSecond = capacityPerSecond;
        this.resumeCapacityPerSecond = resumeCapacityPerSecond;
        this.queueLimit = queueLimit;
        this.nodeDownMillis = nodeDownMillis;
        this.seed = seed;
        this.timeLimitMillis = timeLimitMillis;
        this.resumable = resumable;
    }

    /**
     * A node-kill storm with the defaults the benchmarks use: the node is back after 1 s, and the service queues
     * 5 s worth of acquisitions (well inside any sane connect timeout, so queued clients do not time out).
     */
    public static StormScenario nodeKill(String name, RetryConfig config, int clients, int capacityPerSecond) {
        return new StormScenario(name, config, clients, capacityPerSecond, capacityPerSecond * 5, 1_000, 42,
                DEFAULT_TIME_LIMIT_MILLIS);
    }

    /** Every connection reset at once, the sessions alive on the server (a balancer or NAT dropped them). */
    public static StormScenario linkDrop(String name, RetryConfig config, int clients, int capacityPerSecond,
            int resumeCapacityPerSecond) {
        return new StormScenario(name, Kind.LINK_DROP, config, clients, capacityPerSecond, resumeCapacityPerSecond,
                capacityPerSecond * 5, 0, 42, DEFAULT_TIME_LIMIT_MILLIS, true);
    }

    /** The server stopped for {@code frozenMillis}, then continuing with every session and connection. */
    public static StormScenario freeze(String name, RetryConfig config, int clients, int capacityPerSecond,
            int resumeCapacityPerSecond, long frozenMillis) {
        return new StormScenario(name, Kind.FREEZE, config, clients, capacityPerSecond, resumeCapacityPerSecond,
                capacityPerSecond * 5, frozenMillis, 42, DEFAULT_TIME_LIMIT_MILLIS, true);
    }

    public StormScenario withSeed(long newSeed) {
        return new StormScenario(name, kind, config, clients, capacityPerSecond, resumeCapacityPerSecond, queueLimit,
                nodeDownMillis, newSeed, timeLimitMillis, resumable);
    }

    /** The same storm against a server that resumes this many sessions per second (as measured). */
    public StormScenario withResumeCapacity(int perSecond) {
        return new StormScenario(name, kind, config, clients, capacityPerSecond, perSecond, queueLimit,
                nodeDownMillis, seed, timeLimitMillis, resumable);
    }

    /** The same storm with clients that cannot resume (no XEP-0198): every attempt is a full login. */
    public StormScenario withoutResumption() {
        return new StormScenario(name, kind, config, clients, capacityPerSecond, resumeCapacityPerSecond, queueLimit,
                nodeDownMillis, seed, timeLimitMillis, false);
    }

    /** Whether the clients may resume their sessions (else every attempt is a full login). */
    public boolean resumable() {
        return resumable;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** Resumes per second the server can do (C_resume). */
    public int resumeCapacityPerSecond() {
        return resumeCapacityPerSecond;
    }

    public RetryConfig config() {
        return config;
    }

    public int clients() {
        return clients;
    }

    public int capacityPerSecond() {
        return capacityPerSecond;
    }

    public int queueLimit() {
        return queueLimit;
    }

    /** How long the node stays dead (node kill) or stopped (freeze); 0 for a link drop. */
    public long nodeDownMillis() {
        return nodeDownMillis;
    }

    public long seed() {
        return seed;
    }

    public long timeLimitMillis() {
        return timeLimitMillis;
    }

    /**
     * The time a perfectly paced fleet needs: N ÷ C after a node kill (everyone logs in), N ÷ C_resume when the
     * sessions survived (everyone resumes), in milliseconds.
     */
    public long idealRecoveryMillis() {
        int perSecond = kind == Kind.NODE_KILL ? capacityPerSecond : resumeCapacityPerSecond;
        return (long) Math.ceil(1000.0 * clients / perSecond);
    }
}
