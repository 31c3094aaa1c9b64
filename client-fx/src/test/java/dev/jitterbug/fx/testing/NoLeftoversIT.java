package dev.jitterbug.fx.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.testing.Leftovers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** After the UI tests (failsafe): no server they started is still running, no folder of theirs is left. */
class NoLeftoversIT {
    @Test
    void theTestsLeftNoServerRunningAndNoFolderBehind() throws Exception {
        Path fixtures = Path.of(System.getProperty("jitterbug.fixtures.dir")).toAbsolutePath().normalize();
        assertThat(Leftovers.processes(fixtures)).as("server processes the tests started").isEmpty();
        assertThat(Leftovers.folders(fixtures)).as("folders the tests left in " + fixtures).isEmpty();
    }
}
