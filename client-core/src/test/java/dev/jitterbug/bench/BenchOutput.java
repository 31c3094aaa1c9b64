package dev.jitterbug.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/** Where benchmarks write (system property {@code bench.out}, default {@code target/bench}) and the machine line. */
final class BenchOutput {
    private BenchOutput() {
    }

    static Path directory() throws IOException {
        Path dir = Paths.get(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(dir);
        return dir;
    }

    static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + file.toAbsolutePath());
    }

    static int intProperty(String name, int defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.trim().isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a whole number (was '" + value + "')", e);
        }
    }

    /** The machine the numbers came from, for the README next to the table. */
    static String machine() {
        return String.format(Locale.ROOT, "%d cores (%s), JDK %s (%s), max heap %d MiB, %s %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("os.name"),
                System.getProperty("os.version"));
    }
}
