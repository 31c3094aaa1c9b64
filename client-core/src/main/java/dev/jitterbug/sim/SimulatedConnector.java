package dev.jitterbug.sim;

import dev.jitterbug.Failure;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.SessionConnector;

/** One simulated client's way to the server: every attempt is offered to the shared {@link SimulatedServer}. */
final class SimulatedConnector implements SessionConnector {
    /** A refusal or rejection reaches the client after one network round trip. */
    static final long ROUND_TRIP_MILLIS = 50;
    private static final Failure REFUSED = Failure.of(Failure.Kind.CONNECTION_REFUSED,
            "The server refused the connection (simulated node down).");
    private static final Failure UNAVAILABLE = Failure.http(503, -1,
            "The server is overloaded (simulated HTTP 503).");

    private final StormWorld world;
    private Scheduler.Cancellable pending;
    private boolean back;

    SimulatedConnector(StormWorld world) {
        this.world = world;
    }

    @Override
    public void connect(String redirect, Callback callback) {
        Scheduler scheduler = world.scheduler;
        long now = scheduler.monotonicMillis();
        if (world.measuring()) {
            world.recorder.attempt(now - world.killedAtMillis);
        } else {
            callback.established(false); // the fleet's first login, before the storm: free and instant
            return;
        }
        long outcome = world.server.offer(now);
        if (outcome == SimulatedServer.REFUSED) {
            pending = scheduler.schedule(() -> callback.failed(REFUSED), ROUND_TRIP_MILLIS);
        } else if (outcome == SimulatedServer.REJECTED) {
            pending = scheduler.schedule(() -> callback.failed(UNAVAILABLE), ROUND_TRIP_MILLIS);
        } else {
            pending = scheduler.schedule(() -> {
                pending = null;
                if (!back) {
                    back = true;
                    world.recorder.back(world.scheduler.monotonicMillis() - world.killedAtMillis);
                }
                callback.established(false);
            }, outcome - now);
        }
    }

    @Override
    public void abort() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
