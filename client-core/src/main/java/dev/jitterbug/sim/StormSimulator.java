package dev.jitterbug.sim;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.Failure;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.VirtualScheduler;
import dev.jitterbug.reconnect.Reconnector;
import dev.jitterbug.reconnect.RetryPolicy;
import dev.jitterbug.reconnect.SplitMixRandomSource;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a node-kill storm with the real {@link Reconnector} and backoff policies on virtual time: every client is a
 * Reconnector on one shared {@link VirtualScheduler}, talking to a {@link SimulatedServer} through its own
 * {@link SimulatedConnector}. No network, no threads; a million clients fit in a few hundred megabytes.
 */
public final class StormSimulator {
    private static final Failure NODE_KILLED = Failure.of(Failure.Kind.CONNECTION_LOST,
            "The connection was reset (simulated node kill).");
    private static final Consumer<ConnectionEvent> IGNORE_EVENTS = event -> { };

    private StormSimulator() {
    }

    /** What {@code config check} calls: the predicted node-kill storm for this config, fleet size and capacity. */
    public static StormResult predict(RetryConfig config, int clients, int capacityPerSecond) {
        return run(StormScenario.nodeKill("config " + config.version(), config, clients, capacityPerSecond));
    }

    public static StormResult run(StormScenario scenario) {
        long started = System.nanoTime();
        VirtualScheduler scheduler = new VirtualScheduler();
        StormRecorder recorder = new StormRecorder(scenario.clients());
        StormWorld world = new StormWorld(scheduler, recorder);
        RetryConfig config = scenario.config();
        RetryPolicy policy = config.reconnectPolicy();
        Supplier<RetryPolicy> fixedConfig = () -> policy;
        // One stream for the whole fleet: the run is single-threaded, so clients still draw independent values.
        SplitMixRandomSource random = new SplitMixRandomSource(scenario.seed());

        Reconnector[] fleet = new Reconnector[scenario.clients()];
        for (int i = 0; i < fleet.length; i++) {
            fleet[i] = new Reconnector(scheduler, fixedConfig, new SimulatedConnector(world), random, IGNORE_EVENTS);
            fleet[i].start();
        }
        scheduler.runUntilIdle(); // everyone is online; only cancelled deadlines were left

        world.beginStorm(scenario);
        for (Reconnector client : fleet) {
            client.sessionLost(NODE_KILLED);
        }
        long deadline = world.killedAtMillis + scenario.timeLimitMillis();
        while (recorder.back() < fleet.length && scheduler.monotonicMillis() <= deadline && scheduler.runNext()) {
            // each step runs one client's next action
        }
        return recorder.result(scenario, (System.nanoTime() - started) / 1_000_000);
    }
}
