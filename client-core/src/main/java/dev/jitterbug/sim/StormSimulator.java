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
 * Runs a storm with the real {@link Reconnector} and backoff policies on virtual time: every client is a
 * Reconnector on one shared {@link VirtualScheduler}, talking to a {@link SimulatedServer} through its own
 * {@link SimulatedConnector}. No network, no threads; a million clients fit in a few hundred megabytes.
 */
public final class StormSimulator {
    private static final Failure CONNECTION_RESET = Failure.of(Failure.Kind.CONNECTION_LOST,
            "The connection was reset (simulated).");
    private static final Failure PROBE_UNANSWERED = Failure.of(Failure.Kind.DEAD_LINK,
            "The link stopped answering (simulated frozen server).");
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
        RetryConfig config = scenario.config();
        StormRecorder recorder = new StormRecorder(scenario.clients(), config.statusQuietMillis());
        StormWorld world = new StormWorld(scheduler, recorder);
        RetryPolicy policy = config.reconnectPolicy();
        Supplier<RetryPolicy> fixedConfig = () -> policy;
        // One stream for the whole fleet: the run is single-threaded, so clients still draw independent values.
        SplitMixRandomSource random = new SplitMixRandomSource(scenario.seed());

        Reconnector[] fleet = new Reconnector[scenario.clients()];
        for (int i = 0; i < fleet.length; i++) {
            fleet[i] = new Reconnector(scheduler, fixedConfig, new SimulatedConnector(world, i), random,
                    IGNORE_EVENTS);
            fleet[i].start();
        }
        scheduler.runUntilIdle(); // everyone is online; only cancelled deadlines were left

        world.beginStorm(scenario);
        if (scenario.kind() == StormScenario.Kind.FREEZE) {
            freeze(scenario, fleet, world, random);
        } else {
            // Every session ends with a reset connection; each client may resume (it cannot know the node died).
            for (int i = 0; i < fleet.length; i++) {
                recorder.noticed(i, 0);
                fleet[i].sessionLost(CONNECTION_RESET, scenario.resumable());
            }
        }
        long deadline = world.startedAtMillis + scenario.timeLimitMillis();
        while (recorder.back() < fleet.length && scheduler.monotonicMillis() <= deadline && scheduler.runNext()) {
            // each step runs one client's next action
        }
        return recorder.result(scenario, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A frozen server answers nothing, but closes nothing either: a client notices only when its next probe (sent
     * after a ping interval of silence, at a phase of its own) goes unanswered for the dead-link timeout. Clients
     * whose probe is answered once the server runs again never notice; they simply work again.
     */
    private static void freeze(StormScenario scenario, Reconnector[] fleet, StormWorld world,
            SplitMixRandomSource random) {
        RetryConfig config = scenario.config();
        long frozenMillis = scenario.nodeDownMillis();
        for (int i = 0; i < fleet.length; i++) {
            int client = i;
            long probeAt = (long) random.uniform(0, config.pingIntervalMillis());
            long deadAt = probeAt + config.deadLinkTimeoutMillis();
            if (deadAt < frozenMillis) {
                world.scheduler.schedule(() -> {
                    world.recorder.noticed(client, deadAt);
                    fleet[client].sessionLost(PROBE_UNANSWERED, scenario.resumable());
                }, deadAt);
            } else {
                world.scheduler.schedule(() -> world.recorder.back(client, frozenMillis), frozenMillis);
            }
        }
    }
}
