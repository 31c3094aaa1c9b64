package dev.jitterbug.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs after the module's unit tests (failsafe): none of the servers they started is still running, and none of
 * their folders is left. A test killed half-way, or a fixture closed in the wrong place, shows up here.
 */
class NoLeftoversIT {
    @Test
    void theTestsLeftNoServerRunningAndNoFolderBehind() throws Exception {
        Path fixtures = Path.of(System.getProperty("jitterbug.fixtures.dir")).toAbsolutePath().normalize();
        assertThat(Leftovers.processes(fixtures)).as("server processes the tests started").isEmpty();
        assertThat(Leftovers.folders(fixtures)).as("folders the tests left in " + fixtures).isEmpty();
    }
}
