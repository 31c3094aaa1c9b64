package dev.jitterbug.sim;

import dev.jitterbug.platform.VirtualScheduler;

/** What all simulated clients of one run share: virtual time, the server and the recorder. */
final class StormWorld {
    final VirtualScheduler scheduler;
    final StormRecorder recorder;
    /** Null until the storm begins: before that, logins are free and instant. */
    SimulatedServer server;
    long killedAtMillis;

    StormWorld(VirtualScheduler scheduler, StormRecorder recorder) {
        this.scheduler = scheduler;
        this.recorder = recorder;
    }

    /** The node dies now; from here on every attempt goes through the server model and is counted. */
    void beginStorm(StormScenario scenario) {
        killedAtMillis = scheduler.monotonicMillis();
        server = new SimulatedServer(scenario.capacityPerSecond(), scenario.queueLimit(),
                killedAtMillis + scenario.nodeDownMillis());
    }

    boolean measuring() {
        return server != null;
    }
}
