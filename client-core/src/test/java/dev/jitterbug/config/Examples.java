package dev.jitterbug.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The example documents under {@code src/test/resources/config-examples}. */
final class Examples {
    private Examples() {
    }

    static Path dir() {
        try {
            return Path.of(Examples.class.getResource("/config-examples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String name) {
        try {
            return new String(Files.readAllBytes(dir().resolve(name)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid examples (top level) or the invalid ones ({@code invalid/}). */
    static List<Path> list(boolean valid) {
        Path folder = valid ? dir() : dir().resolve("invalid");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
