package dev.jitterbug.sim;

import dev.jitterbug.config.ConfigCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code config check} with the storm simulator wired in: {@code check FILE [--fleet N] [--capacity C] [--jid JID]}.
 * {@code --capacity} (session acquisitions per second the service can do, default
 * {@value StormForecast#DEFAULT_CAPACITY_PER_SECOND}) is this command's own option; the rest goes to
 * {@link ConfigCheck}.
 */
public final class ConfigCheckCommand {
    private ConfigCheckCommand() {
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>();
        int capacity = StormForecast.DEFAULT_CAPACITY_PER_SECOND;
        for (int i = 0; i < args.length; i++) {
            if ("--capacity".equals(args[i])) {
                if (i + 1 >= args.length) {
                    System.out.println("--capacity needs a number of sessions per second, e.g. --capacity 500");
                    System.exit(2);
                }
                try {
                    capacity = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    System.out.println("--capacity must be a whole number of sessions per second (was '" + args[i] + "')");
                    System.exit(2);
                }
            } else {
                rest.add(args[i]);
            }
        }
        int status;
        try {
            status = new ConfigCheck(System.out, new StormForecast(capacity)).run(rest.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            status = 2;
        }
        if (status != 0) {
            System.exit(status);
        }
    }
}
