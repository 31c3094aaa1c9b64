package dev.jitterbug.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a finished test run must not leave behind: a server process it started (found by the {@link OpenFixtures#MARKER}
 * in its environment, via /proc) or a folder in the module's fixtures folder. Run by each module's
 * {@code NoLeftoversIT} after its unit tests.
 */
public final class Leftovers {
    private Leftovers() {
    }

    /** Processes still running that a test of the module with this fixtures folder started. */
    public static List<String> processes(Path fixturesDir) throws IOException {
        String marker = OpenFixtures.MARKER + "=" + fixturesDir.toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return found; // not Linux: nothing to look at this way
        }
        try (Stream<Path> pids = Files.list(proc)) {
            for (Path pid : pids.filter(p -> p.getFileName().toString().matches("\\d+")).collect(Collectors.toList())) {
                String environment;
                try {
                    environment = new String(Files.readAllBytes(pid.resolve("environ")), StandardCharsets.UTF_8);
                } catch (IOException | SecurityException gone) {
                    continue; // ended meanwhile, or not ours
                }
                for (String variable : environment.split("\0")) {
                    if (variable.equals(marker)) {
                        found.add(pid.getFileName() + ": " + commandLine(pid));
                    }
                }
            }
        }
        return found;
    }

    /** Folders (and files) left in the fixtures folder. */
    public static List<String> folders(Path fixturesDir) throws IOException {
        if (!Files.isDirectory(fixturesDir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> left = Files.list(fixturesDir)) {
            return left.map(Path::toString).collect(Collectors.toList());
        }
    }

    private static String commandLine(Path pid) {
        try {
            return new String(Files.readAllBytes(pid.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "?";
        }
    }
}
