package dev.jitterbug.fx.app;

import dev.jitterbug.Jid;
import java.nio.file.Path;

/** Where the desktop app keeps its per-account state (never passwords: those go to the OS keychain). */
public final class AppPaths {
    private AppPaths() {
    }

    /** {@code $XDG_DATA_HOME/jitterbug/<account>} or {@code ~/.local/share/jitterbug/<account>}. */
    public static Path accountDir(Jid account) {
        return dataDir().resolve(account.bare().toString());
    }

    /** {@code $XDG_DATA_HOME/jitterbug} or {@code ~/.local/share/jitterbug}. */
    public static Path dataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jitterbug");
    }
}
