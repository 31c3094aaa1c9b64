package dev.jitterbug.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers, proxies and folders tests have opened and not yet closed in this JVM. {@link NoLeakedFixtures} fails a
 * test class that leaves one open (and closes it), like OkHttp's rule against leaked connections; a shutdown hook
 * closes what is left if a JVM ends early, and {@link Leftovers} checks the machine after the whole run.
 */
public final class OpenFixtures {
    /** The variable every server process a test starts carries, with its module's fixtures folder as the value. */
    public static final String MARKER = "JITTERBUG_TEST_FIXTURE";

    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OpenFixtures::closeAll, "close-test-fixtures"));
    }

    private OpenFixtures() {
    }

    /**
     * Where fixtures keep their folders: {@code -Djitterbug.fixtures.dir} (the build sets target/fixtures, so the
     * end-of-run check can look there), else the system temp folder.
     */
    public static Path folder() {
        Path dir = Path.of(System.getProperty("jitterbug.fixtures.dir", System.getProperty("java.io.tmpdir")));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void opened(AutoCloseable fixture) {
        OPEN.add(fixture);
    }

    static void closed(AutoCloseable fixture) {
        OPEN.remove(fixture);
    }

    /** What is open right now. */
    static List<AutoCloseable> open() {
        return new ArrayList<>(OPEN);
    }

    static void closeAll() {
        for (AutoCloseable fixture : open()) {
            try {
                fixture.close();
            } catch (Exception ignored) {
                // best effort on the way out
            }
        }
    }
}
