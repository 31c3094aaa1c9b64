package dev.jitterbug.soak;

/**
 * The long soak: {@code ./mvnw -B -Psoak -DskipTests verify -Dsoak.minutes=10 -Dsoak.messages=10000}. Exits 1 if the
 * run broke any promise ({@link SoakReport#violations()}), as the short soak in the normal build does.
 */
public final class ChaosSoakMain {
    private ChaosSoakMain() {
    }

    public static void main(String[] args) throws Exception {
        SoakReport report = new ChaosSoak(ChaosSoak.Plan.fromSystemProperties()).run();
        System.out.println(report);
        boolean ok = report.violations().isEmpty();
        System.out.println(ok ? "SOAK PASSED" : "SOAK FAILED");
        System.exit(ok ? 0 : 1);
    }
}
