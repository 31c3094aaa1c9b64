package dev.jitterbug.config;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code config check FILE [--fleet N] [--jid JID]}: validates a retry-config document the way clients will, and
 * prints what they will do with it. Exit status 0 when clients would accept the document, 1 when they would reject
 * it, 2 for a usage error or an unreadable file.
 *
 * <p>Run it with {@code ./mvnw -q -pl client-core compile exec:java@config-check -Dexec.args="check FILE"}.
 */
public final class ConfigCheck {
    static final int VALID = 0;
    static final int REJECTED = 1;
    static final int USAGE = 2;
    private static final String DEFAULT_JID = "alice@example.org";
    private static final int SAMPLE_WAITS = 10;
    private static final String USAGE_TEXT = "usage: config check FILE [--fleet N] [--jid JID]";

    private final PrintStream out;
    private final ReconnectForecast forecast;

    public ConfigCheck(PrintStream out, ReconnectForecast forecast) {
        this.out = out;
        this.forecast = forecast;
    }

    public static void main(String[] args) {
        // Hook: pass the reconnect policies / storm simulator here once they exist (see ReconnectForecast).
        int status = new ConfigCheck(System.out, ReconnectForecast.NOT_WIRED).run(args);
        if (status != VALID) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status. */
    public int run(String... args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE_TEXT);
            return USAGE;
        }
        String json;
        try {
            json = new String(Files.readAllBytes(Paths.get(arguments.file)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            out.println("There is no file " + arguments.file);
            return USAGE;
        } catch (IOException e) {
            out.println("Cannot read " + arguments.file + ": " + e.getMessage());
            return USAGE;
        }
        RetryConfigParser.Result result;
        try {
            result = new RetryConfigParser().parseWithNotes(json);
        } catch (InvalidRetryConfigException e) {
            out.println(arguments.file + ": REJECTED. Clients keep the config they have.");
            for (String problem : e.problems()) {
                out.println("  - " + problem);
            }
            return REJECTED;
        }
        report(arguments, result);
        return VALID;
    }

    private void report(Arguments arguments, RetryConfigParser.Result result) {
        RetryConfigDocument document = result.document();
        out.println(arguments.file + ": valid (format " + RetryConfigDocument.FORMAT + ", version \""
                + document.version() + "\")");
        if (!result.ignoredFields().isEmpty()) {
            out.println("Ignored (unknown to this client; a typo?): " + String.join(", ", result.ignoredFields()));
        }
        out.println();
        printParameterTable(document);
        out.println();
        Cohort cohort = document.cohortOf(arguments.jid);
        RetryConfig config = document.configFor(arguments.jid);
        out.println("What " + arguments.jid + " does (bucket " + AccountBuckets.bucketOf(arguments.jid) + ", "
                + (cohort == null ? "no cohort" : "cohort " + cohort.name()) + "):");
        describeBehaviour(config);
        List<Long> waits = forecast.sampleWaits(config, arguments.jid, SAMPLE_WAITS);
        out.println("  first " + SAMPLE_WAITS + " waits after a server-side failure: "
                + (waits.isEmpty() ? "(not available: no ReconnectForecast is wired into ConfigCheck)" : seconds(waits)));
        if (arguments.fleet > 0) {
            out.println();
            out.println("Predicted load when a node serving " + arguments.fleet + " clients dies:");
            List<String> curve = forecast.loadCurve(config, arguments.fleet);
            if (curve.isEmpty()) {
                out.println("  (not available: no storm simulator is wired into ConfigCheck's ReconnectForecast)");
            }
            for (String line : curve) {
                out.println("  " + line);
            }
        }
    }

    private void printParameterTable(RetryConfigDocument document) {
        List<String> headers = new ArrayList<>();
        List<RetryConfig> configs = new ArrayList<>();
        double cohortPercent = 0;
        for (Cohort cohort : document.cohorts()) {
            cohortPercent += cohort.percent();
        }
        headers.add(String.format(Locale.ROOT, "%s (%.2f%%)", document.cohorts().isEmpty() ? "everyone"
                : "everyone else", 100 - cohortPercent));
        configs.add(document.baseConfig());
        for (Cohort cohort : document.cohorts()) {
            headers.add(String.format(Locale.ROOT, "%s (%.2f%%)", cohort.name(), cohort.percent()));
            configs.add(cohort.config());
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[configs.size() + 1];
        header[0] = "parameter";
        for (int i = 0; i < headers.size(); i++) {
            header[i + 1] = headers.get(i);
        }
        rows.add(header);
        String[] algorithm = new String[configs.size() + 1];
        algorithm[0] = "backoff.algorithm";
        for (int i = 0; i < configs.size(); i++) {
            algorithm[i + 1] = configs.get(i).algorithm().jsonName();
        }
        rows.add(algorithm);
        for (RetryParameter p : RetryParameter.values()) {
            String[] row = new String[configs.size() + 1];
            row[0] = p.path();
            for (int i = 0; i < configs.size(); i++) {
                row[i + 1] = p.format(p.valueIn(configs.get(i)));
            }
            rows.add(row);
        }
        printColumns(rows);
    }

    private void printColumns(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                for (int pad = row[i].length(); pad < widths[i] + 2 && i < row.length - 1; pad++) {
                    line.append(' ');
                }
            }
            out.println(line.toString().replaceAll("\\s+$", ""));
        }
    }

    private void describeBehaviour(RetryConfig c) {
        out.println("  after a server-side failure: first attempt at a random moment within "
                + seconds(c.serverFailureSpreadMillis()) + ", then " + c.algorithm().jsonName() + " backoff");
        out.println("  after a local network blip: first attempt within " + seconds(c.blipRetryWindowMillis()));
        if (c.algorithm() == BackoffAlgorithm.FIXED) {
            out.println("  every further wait: " + seconds(c.baseMillis()));
        } else {
            int attempts = 1;
            double ceiling = c.baseMillis();
            while (ceiling < c.capMillis() && attempts < 100 && c.multiplier() > 1) {
                ceiling *= c.multiplier();
                attempts++;
            }
            out.println("  waits grow from " + seconds(c.baseMillis()) + " by up to x" + c.multiplier()
                    + " per attempt and stop growing at the cap " + seconds(c.capMillis())
                    + (c.multiplier() > 1 ? " (about attempt " + attempts + ")" : ""));
        }
        out.println("  a quiet link is probed every " + seconds(c.pingIntervalMillis()) + " and counts as dead after "
                + seconds(c.deadLinkTimeoutMillis()) + " without an answer");
        out.println("  resumption " + (c.resumptionEnabled() ? "first" : "off") + ", SASL2 "
                + (c.preferSasl2() ? "preferred" : "not used") + "; this document is fetched again every "
                + seconds(c.refreshIntervalMillis()));
        out.println("  hard limits, whatever any document says: backoff waits between "
                + seconds(HardLimits.MIN_RETRY_DELAY_MILLIS) + " and " + seconds(HardLimits.MAX_RETRY_DELAY_MILLIS)
                + ", first attempts after a server failure spread over at least "
                + seconds((long) RetryParameter.SERVER_FAILURE_SPREAD_MILLIS.hardMin()));
    }

    private static String seconds(long millis) {
        if (millis >= 3_600_000 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis >= 60_000 && millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String seconds(List<Long> waits) {
        List<String> texts = new ArrayList<>();
        for (long wait : waits) {
            texts.add(String.format(Locale.ROOT, "%.1f", wait / 1000.0));
        }
        return String.join(", ", texts) + " (s)";
    }

    /** The command line, checked. */
    private static final class Arguments {
        String file;
        int fleet;
        String jid = DEFAULT_JID;

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            int i = 0;
            if (args.length > 0 && args[0].equals("check")) {
                i++;
            }
            for (; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--fleet") || arg.equals("--jid")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    if (arg.equals("--jid")) {
                        if (value.trim().isEmpty() || !value.contains("@")) {
                            throw new IllegalArgumentException("--jid needs an account address such as "
                                    + DEFAULT_JID + ", not '" + value + "'");
                        }
                        parsed.jid = value;
                    } else {
                        parsed.fleet = fleetSize(value);
                    }
                } else if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else if (parsed.file == null) {
                    parsed.file = arg;
                } else {
                    throw new IllegalArgumentException("only one FILE, please (got " + parsed.file + " and " + arg
                            + ")");
                }
            }
            if (parsed.file == null) {
                throw new IllegalArgumentException("which file? Give the path of a retry-config document");
            }
            return parsed;
        }

        private static int fleetSize(String value) {
            try {
                int fleet = Integer.parseInt(value);
                if (fleet > 0) {
                    return fleet;
                }
            } catch (NumberFormatException e) {
                // explained below
            }
            throw new IllegalArgumentException("--fleet needs a positive whole number of clients, not '" + value
                    + "'");
        }
    }
}
