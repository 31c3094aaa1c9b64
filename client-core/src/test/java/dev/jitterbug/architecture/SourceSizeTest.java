package dev.jitterbug.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Small classes, each one concern: no class in client-core's main code over 400 lines, the facade under 250. */
class SourceSizeTest {
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noClassIsOver400Lines() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> large = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > 400)
                    .map(f -> MAIN.relativize(f) + " (" + lines(f) + " lines)").collect(Collectors.toList());
            assertThat(large).as("split these into classes of one concern each").isEmpty();
        }
    }

    @Test
    void theClientFacadeStaysThin() {
        assertThat(lines(MAIN.resolve("dev/jitterbug/JitterbugClient.java"))).isLessThan(250);
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
