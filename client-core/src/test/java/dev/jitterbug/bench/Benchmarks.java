package dev.jitterbug.bench;

/**
 * Runs every benchmark at its default size ({@code ./mvnw -B -Pbench -DskipTests verify}), or the ones named by
 * {@code -Dbench=storm,capacity} (any of {@link #NAMES}). Output in {@code target/bench/} of client-core.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    private static final java.util.List<String> NAMES = java.util.Arrays.asList("policy", "storm", "capacity",
            "real-storm", "resume-storm", "session-cost", "heap", "cluster");

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // Thousands of sessions at DEBUG would measure the logger, not the client.
        for (String name : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.jitterbug", "okhttp3"}) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
        for (String name : System.getProperty("bench", "all").split(",")) {
            String trimmed = name.trim();
            if (trimmed.equals("all")) {
                chosen.addAll(NAMES);
            } else if (NAMES.contains(trimmed)) {
                chosen.add(trimmed);
            } else {
                throw new IllegalArgumentException("-Dbench must be all or a comma-separated list of " + NAMES
                        + " (was '" + trimmed + "')");
            }
        }
        long started = System.nanoTime();
        for (String name : NAMES) {
            if (name.equals("capacity") && chosen.contains("real-storm")) {
                continue; // the real storm measures C itself, on its own server
            }
            if (chosen.contains(name)) {
                long begin = System.nanoTime();
                run(name, args);
                System.out.printf("benchmark %s took %d s%n", name, (System.nanoTime() - begin) / 1_000_000_000L);
            }
        }
        System.out.printf("all chosen benchmarks took %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        System.exit(0); // OkHttp's and Prosody's helper threads must not keep the forked JVM alive
    }

    private static void run(String name, String[] args) throws Exception {
        switch (name) {
            case "policy" -> PolicyDistributionBenchmark.main(args);
            case "storm" -> StormBenchmark.main(args);
            case "capacity" -> CapacityBenchmark.main(args);
            case "real-storm" -> RealStormBenchmark.main(args);
            case "resume-storm" -> ResumeStormBenchmark.main(args);
            case "session-cost" -> SessionCostBenchmark.main(args);
            case "heap" -> HeapPerSessionBenchmark.main(args);
            case "cluster" -> ClusterStormBenchmark.main(args);
            default -> throw new IllegalStateException(name);
        }
    }
}
