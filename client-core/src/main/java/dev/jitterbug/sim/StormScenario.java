package dev.jitterbug.sim;

import dev.jitterbug.config.RetryConfig;

/**
 * One node-kill storm to simulate: {@code clients} sessions on a node that dies at t = 0 and is back after
 * {@code nodeDownMillis}; the service then acquires at most {@code capacityPerSecond} sessions per second, queues up to
 * {@code queueLimit} more and answers the rest with HTTP 503. The retry config is used as given: the simulator does
 * not apply the config service's validation or hard floors, so it can reproduce the anti-patterns.
 */
public final class StormScenario {
    /** Virtual time after which a run gives up on clients that are still not back. */
    public static final long DEFAULT_TIME_LIMIT_MILLIS = 4 * 3_600_000L;

    private final String name;
    private final RetryConfig config;
    private final int clients;
    private final int capacityPerSecond;
    private final int queueLimit;
    private final long nodeDownMillis;
    private final long seed;
    private final long timeLimitMillis;

    public StormScenario(String name, RetryConfig config, int clients, int capacityPerSecond, int queueLimit,
            long nodeDownMillis, long seed, long timeLimitMillis) {
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
        this.config = config;
        this.clients = clients;
        this.capacityPerSecond = capacityPerSecond;
        this.queueLimit = queueLimit;
        this.nodeDownMillis = nodeDownMillis;
        this.seed = seed;
        this.timeLimitMillis = timeLimitMillis;
    }

    /**
     * A node-kill storm with the defaults the benchmarks use: the node is back after 1 s, and the service queues
     * 5 s worth of acquisitions (well inside any sane connect timeout, so queued clients do not time out).
     */
    public static StormScenario nodeKill(String name, RetryConfig config, int clients, int capacityPerSecond) {
        return new StormScenario(name, config, clients, capacityPerSecond, capacityPerSecond * 5, 1_000, 42,
                DEFAULT_TIME_LIMIT_MILLIS);
    }

    public StormScenario withSeed(long newSeed) {
        return new StormScenario(name, config, clients, capacityPerSecond, queueLimit, nodeDownMillis, newSeed,
                timeLimitMillis);
    }

    public String name() {
        return name;
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

    public long nodeDownMillis() {
        return nodeDownMillis;
    }

    public long seed() {
        return seed;
    }

    public long timeLimitMillis() {
        return timeLimitMillis;
    }

    /** The time a perfectly paced fleet needs: N ÷ C, in milliseconds. */
    public long idealRecoveryMillis() {
        return (long) Math.ceil(1000.0 * clients / capacityPerSecond);
    }
}
