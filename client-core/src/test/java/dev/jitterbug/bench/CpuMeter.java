package dev.jitterbug.bench;

import dev.jitterbug.testing.ProsodyServer;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * CPU of both sides of a load benchmark over one window: this JVM (the client harness) and the server process. A run
 * where the client side is the bottleneck measures the harness, not the server: {@link #invalidBecause(long)} says so.
 */
final class CpuMeter {
    /** Above this share of its cores the client JVM is the bottleneck. */
    static final double CLIENT_LOAD_LIMIT = 0.8;

    private final LongSupplier serverCpuMillis;
    private final long clientStartNanos;
    private final long serverStartMillis;
    private final long wallStartNanos;
    private long clientNanos;
    private long serverMillis;
    private long wallNanos;

    private CpuMeter(LongSupplier serverCpuMillis) {
        this.serverCpuMillis = serverCpuMillis;
        this.clientStartNanos = processCpuNanos();
        this.serverStartMillis = serverCpuMillis.getAsLong();
        this.wallStartNanos = System.nanoTime();
    }

    static CpuMeter start(ProsodyServer server) {
        return new CpuMeter(server::cpuMillis);
    }

    /** A window over whatever server processes {@code serverCpuMillis} adds up. */
    static CpuMeter start(LongSupplier serverCpuMillis) {
        return new CpuMeter(serverCpuMillis);
    }

    /** Ends the window (the server must still be the same process). */
    CpuMeter stop() {
        clientNanos = processCpuNanos() - clientStartNanos;
        serverMillis = serverCpuMillis.getAsLong() - serverStartMillis;
        wallNanos = System.nanoTime() - wallStartNanos;
        return this;
    }

    double clientMillis() {
        return clientNanos / 1e6;
    }

    double serverMillis() {
        return serverMillis;
    }

    double wallMillis() {
        return wallNanos / 1e6;
    }

    /** The client JVM's CPU as a share of all its cores over the window. */
    double clientLoad() {
        return clientNanos / (double) wallNanos / Runtime.getRuntime().availableProcessors();
    }

    /**
     * Why this window does not measure the server, or null if it does: the client spent at least as much CPU per
     * operation as the server, or its JVM ran above {@link #CLIENT_LOAD_LIMIT} of its cores.
     */
    String invalidBecause(long operations) {
        if (operations <= 0) {
            return "nothing was measured";
        }
        if (clientMillis() >= serverMillis()) {
            return String.format(Locale.ROOT, "the client spent %.2f ms of CPU per operation, the server %.2f ms",
                    clientMillis() / operations, serverMillis() / operations);
        }
        if (clientLoad() > CLIENT_LOAD_LIMIT) {
            return String.format(Locale.ROOT, "the client JVM used %.0f %% of its cores", 100 * clientLoad());
        }
        return null;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM cannot report its own CPU time");
    }
}
