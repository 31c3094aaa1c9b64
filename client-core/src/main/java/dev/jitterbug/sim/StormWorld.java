package dev.jitterbug.sim;

import dev.jitterbug.platform.VirtualScheduler;

/** What all simulated clients of one run share: virtual time, the server and the recorder. */
final class StormWorld {
    final VirtualScheduler scheduler;
    final StormRecorder recorder;
    /** Null until the storm begins: before that, logins are free and instant. */
    SimulatedServer server;
    long startedAtMillis;
    private boolean canResume;

    StormWorld(VirtualScheduler scheduler, StormRecorder recorder) {
        this.scheduler = scheduler;
        this.recorder = recorder;
    }

    /** The outage starts now; from here on every attempt goes through the server model and is counted. */
    void beginStorm(StormScenario scenario) {
        startedAtMillis = scheduler.monotonicMillis();
        server = new SimulatedServer(scenario, startedAtMillis);
        canResume = scenario.resumable() && scenario.kind() != StormScenario.Kind.NODE_KILL;
    }

    boolean measuring() {
        return server != null;
    }

    /**
     * Whether a resume succeeds: the server still has every session (a link drop or a freeze) and the clients can
     * resume at all.
     */
    boolean canResume() {
        return canResume;
    }
}
