package dev.jitterbug.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The Markdown table, CSV and charts of {@link ResumeStormBenchmark}, each real row beside its prediction. */
final class ResumeStormReport {
    private ResumeStormReport() {
    }

    static void write(List<ResumeStormRow> rows) throws IOException {
        Path dir = BenchOutput.directory();
        StringBuilder md = new StringBuilder("Resume first on a real Prosody 0.12, default retry config, N sessions over"
                + " WebSocket through a counting proxy. C and C_resume are the server's own capacities: 1 s ÷ its CPU"
                + " per login (the fleet's logins) and per resumed session (the link drop, ring messages included)."
                + " Each cell shows the real value, then the simulator's prediction for the same N, C, C_resume and"
                + " outage in brackets. Every client sends one message to the next during each storm.\n\n");
        md.append("| N | storm | went down | 99 % back [sim] | 100 % | stranded | resumes | full logins |"
                + " attempts per client [sim] | peak full logins/s ÷ C [sim] | status shown [sim] | lost / dup |"
                + " goal | CPU client ÷ server | valid |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        StringBuilder csv = new StringBuilder("clients,storm,outage_ms,capacity_per_s,resume_capacity_per_s,went_down,"
                + "t99_s,t100_s,sim_t99_s,stranded,resumes,logins,attempts,attempts_per_client,sim_attempts_per_client,"
                + "peak_logins_per_s,sim_peak_logins_per_s,shown_out,sim_shown_share,lost,duplicated,"
                + "client_cpu_ms,server_cpu_ms,valid,goal_met\n");
        for (ResumeStormRow r : rows) {
            String invalid = r.invalidBecause();
            Goal goal = goal(r);
            md.append(String.format(Locale.ROOT, "| %,d | %s%s | %,d | %s [%s] | %s | %d | %,d | %,d | %.2f [%.2f] |"
                            + " %.2f [%.2f] | %d [%.0f %%] | %d / %d | %s: %s | %.2f | %s |%n", r.clients, r.name,
                    r.outageMillis > 0 && !r.name.contains("frozen") ? String.format(Locale.ROOT,
                            " (down %.1f s)", r.outageMillis / 1000.0) : "", r.wentDown, seconds(r.timeToMillis(0.99)),
                    seconds(r.predicted.timeTo99Millis()), seconds(r.timeToMillis(1.0)), r.stranded(), r.resumes,
                    r.logins, r.attempts / (double) r.clients,
                    r.predicted.totalAttempts() / (double) r.clients,
                    r.peakLoginsPerSecond() / (double) r.capacity,
                    r.predicted.peakLoginsPerSecond() / (double) r.capacity, r.shownOut,
                    100 * r.predicted.shownShare(), r.lost, r.duplicated, goal.text, goal.met ? "met" : "**missed**",
                    r.cpu.clientMillis() / Math.max(1, r.cpu.serverMillis()),
                    invalid == null ? "yes" : "**no**: " + invalid));
            csv.append(String.format(Locale.ROOT, "%d,\"%s\",%d,%d,%d,%d,%s,%s,%s,%d,%d,%d,%d,%.3f,%.3f,%d,%d,%d,%.4f,"
                            + "%d,%d,%.0f,%.0f,%s,%s%n", r.clients, r.name, r.outageMillis, r.capacity,
                    r.resumeCapacity, r.wentDown, csvSeconds(r.timeToMillis(0.99)), csvSeconds(r.timeToMillis(1.0)),
                    csvSeconds(r.predicted.timeTo99Millis()), r.stranded(), r.resumes, r.logins, r.attempts,
                    r.attempts / (double) r.clients, r.predicted.totalAttempts() / (double) r.clients,
                    r.peakLoginsPerSecond(), r.predicted.peakLoginsPerSecond(), r.shownOut, r.predicted.shownShare(),
                    r.lost, r.duplicated, r.cpu.clientMillis(), r.cpu.serverMillis(), invalid == null, goal.met));
        }
        md.append("\nCapacities measured per fleet:\n\n| N | server CPU per login | C | server CPU per resumed"
                + " session | C_resume | client CPU per login |\n|---:|---:|---:|---:|---:|---:|\n");
        for (ResumeStormRow r : rows) {
            if (r.name.equals("link drop")) {
                md.append(String.format(Locale.ROOT, "| %,d | %.2f ms | %d/s | %.2f ms | %d/s | %.2f ms |%n",
                        r.clients, r.loginCpu.serverMillis() / r.clients, r.capacity, r.serverMillisPerSession(),
                        r.resumeCapacity, r.loginCpu.clientMillis() / r.clients));
            }
        }
        md.append(String.format(Locale.ROOT, "%nMachine: %s (client, proxy and server on the same cores).%n",
                BenchOutput.machine()));
        BenchOutput.write(dir.resolve("resume-storm.md"), md.toString());
        BenchOutput.write(dir.resolve("resume-storm.csv"), csv.toString());
        System.out.print(md);
        for (ResumeStormRow r : rows) {
            String file = "resume-storm-" + r.clients + "-" + r.name.replaceAll("[^A-Za-z0-9]+", "-") + ".png";
            double horizon = Math.max(5, 1.1 * Math.max(r.timeToMillis(1.0), 0) / 1000.0);
            AttemptsChart.write(String.format(Locale.ROOT, "%s, N = %,d, real Prosody: per 100 ms", r.name,
                    r.clients), List.of("connection attempts", "sessions resumed", "full logins completed"),
                    List.of(r.attemptsPerBucket, r.resumesPerBucket, r.loginsPerBucket), "login capacity C",
                    r.capacity, horizon, dir.resolve(file));
        }
    }

    /** The goal for this row, in words, and whether the run met it. */
    private static Goal goal(ResumeStormRow r) {
        boolean clean = r.stranded() == 0 && r.lost == 0 && r.duplicated == 0;
        long t99 = r.timeToMillis(0.99);
        if (r.name.equals("link drop") && r.clients <= 50) {
            return new Goal("99 % resumed within 1.5 s, chip never shown",
                    clean && t99 >= 0 && t99 <= 1_500 && r.shownOut == 0 && r.logins == 0);
        }
        if (r.name.equals("link drop")) {
            long bound = (long) (1.2 * Math.max(1_500, 1000.0 * r.clients / r.resumeCapacity));
            return new Goal(String.format(Locale.ROOT, "99 %% within %s, 0 logins, <= 1.1 attempts each",
                    seconds(bound)), clean && t99 >= 0 && t99 <= bound && r.logins == 0
                    && r.attempts <= 1.1 * r.clients);
        }
        long bound = r.outageMillis + (long) (1000.0 * r.clients / r.capacity);
        return new Goal(String.format(Locale.ROOT, "nobody stranded, full logins <= 1.5 x C (t99 bound %s)",
                seconds(bound)), clean && r.peakLoginsPerSecond() <= 1.5 * r.capacity);
    }

    private static final class Goal {
        final String text;
        final boolean met;

        Goal(String text, boolean met) {
            this.text = text;
            this.met = met;
        }
    }

    static String seconds(long millis) {
        return millis < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String csvSeconds(long millis) {
        return millis < 0 ? "" : String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }
}
