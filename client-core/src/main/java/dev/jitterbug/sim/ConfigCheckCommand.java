package dev.jitterbug.sim;

import dev.jitterbug.config.ConfigCheck;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code config check} with the storm simulator wired in: {@code check FILE [--fleet N] [--capacity C] [--jid JID]}.
 * {@code --capacity} (session acquisitions per second the service can do, default
 * {@value StormForecast#DEFAULT_CAPACITY_PER_SECOND}) is this command's own option; the rest goes to
 * {@link ConfigCheck}, whose exit statuses it keeps (0 accepted, 1 rejected, 2 usage error).
 */
public final class ConfigCheckCommand {
    private static final int USAGE = 2;

    private ConfigCheckCommand() {
    }

    public static void main(String[] args) {
        int status = run(System.out, args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status. */
    public static int run(PrintStream out, String... args) {
        List<String> rest = new ArrayList<>();
        int capacity = StormForecast.DEFAULT_CAPACITY_PER_SECOND;
        for (int i = 0; i < args.length; i++) {
            if (!"--capacity".equals(args[i])) {
                rest.add(args[i]);
                continue;
            }
            if (i + 1 >= args.length) {
                out.println("--capacity needs a number of sessions per second, e.g. --capacity 500");
                return USAGE;
            }
            String value = args[++i];
            try {
                capacity = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                out.println("--capacity must be a whole number of sessions per second (was '" + value + "')");
                return USAGE;
            }
            if (capacity < 1) {
                out.println("--capacity must be at least 1 session per second (was " + capacity + ")");
                return USAGE;
            }
        }
        return new ConfigCheck(out, new StormForecast(capacity)).run(rest.toArray(new String[0]));
    }
}
