package dev.jitterbug.soak;

/** The long soak: {@code ./mvnw -B -Psoak -DskipTests verify -Dsoak.minutes=10 -Dsoak.messages=10000}. */
public final class ChaosSoakMain {
    private ChaosSoakMain() {
    }

    public static void main(String[] args) throws Exception {
        SoakReport report = new ChaosSoak(ChaosSoak.Plan.fromSystemProperties()).run();
        System.out.println(report);
        boolean ok = report.lost == 0 && report.duplicates == 0 && report.outOfOrder == 0 && report.recoveryMillis >= 0;
        System.out.println(ok ? "SOAK PASSED" : "SOAK FAILED");
        System.exit(ok ? 0 : 1);
    }
}
