package dev.jitterbug.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program to completion and keeps what it printed. */
final class Command {
    private final List<String> arguments;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private Command(List<String> arguments) {
        this.arguments = arguments;
    }

    static Command of(String... arguments) {
        return new Command(new ArrayList<>(Arrays.asList(arguments)));
    }

    Command env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Result run() {
        try {
            Path stdout = Files.createTempFile("jitterbug-cmd", ".out");
            Path stderr = Files.createTempFile("jitterbug-cmd", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(arguments)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("Gave up after 3 minutes waiting for: " + String.join(" ", arguments));
                }
                return new Result(arguments, process.exitValue(), read(stdout), read(stderr));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", arguments), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + String.join(" ", arguments), e);
        }
    }

    /** Runs it and fails the test, with everything it printed, unless it exits 0. */
    Result runOk() {
        Result result = run();
        if (result.exitCode() != 0) {
            throw new AssertionError(result.describe());
        }
        return result;
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** What a finished program left behind. */
    static final class Result {
        private final List<String> arguments;
        private final int exitCode;
        private final String stdout;
        private final String stderr;

        Result(List<String> arguments, int exitCode, String stdout, String stderr) {
            this.arguments = arguments;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        int exitCode() {
            return exitCode;
        }

        String stdout() {
            return stdout;
        }

        String describe() {
            return String.join(" ", arguments) + "\nexited " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }
}
