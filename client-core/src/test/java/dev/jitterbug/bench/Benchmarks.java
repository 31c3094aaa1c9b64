package dev.jitterbug.bench;

/**
 * Runs every benchmark at its default size ({@code ./mvnw -B -Pbench -DskipTests verify}), or the one named by
 * {@code -Dbench=storm} / {@code -Dbench=policy}. Output in {@code target/bench/} of client-core.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        String which = System.getProperty("bench", "all").trim();
        if (!which.equals("all") && !which.equals("storm") && !which.equals("policy")) {
            throw new IllegalArgumentException("-Dbench must be all, storm or policy (was '" + which + "')");
        }
        if (which.equals("all") || which.equals("policy")) {
            PolicyDistributionBenchmark.main(args);
        }
        if (which.equals("all") || which.equals("storm")) {
            StormBenchmark.main(args);
        }
    }
}
