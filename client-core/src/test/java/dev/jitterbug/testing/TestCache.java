package dev.jitterbug.testing;

import java.nio.file.Path;

/** Where the build keeps what it provisions for the tests (the same rule as provision-servers.sh). */
final class TestCache {
    private TestCache() {
    }

    static Path dir() {
        String explicit = System.getenv("JITTERBUG_CACHE");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jitterbug");
    }
}
