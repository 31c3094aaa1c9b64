package dev.jitterbug.sim;

import dev.jitterbug.Failure;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.SessionConnector;

/**
 * One simulated client's way to the server: every attempt is offered to the shared {@link SimulatedServer} as a
 * resume (if the server still has the session, or the attempt only resumes) or a full login.
 */
final class SimulatedConnector implements SessionConnector {
    /** A refusal or rejection reaches the client after one network round trip. */
    static final long ROUND_TRIP_MILLIS = 50;
    private static final Failure REFUSED = Failure.of(Failure.Kind.CONNECTION_REFUSED,
            "The server refused the connection (simulated node down).");
    private static final Failure UNAVAILABLE = Failure.http(503, -1,
            "The server is overloaded (simulated HTTP 503).");
    private static final Failure RESUME_REFUSED = Failure.of(Failure.Kind.RESUME_REFUSED,
            "The server no longer has the session (simulated node restart).");

    private final StormWorld world;
    private final int client;
    private Scheduler.Cancellable pending;

    SimulatedConnector(StormWorld world, int client) {
        this.world = world;
        this.client = client;
    }

    @Override
    public void connect(String redirect, Callback callback) {
        connect(redirect, false, callback);
    }

    @Override
    public void connect(String redirect, boolean resumeOnly, Callback callback) {
        Scheduler scheduler = world.scheduler;
        long now = scheduler.monotonicMillis();
        if (!world.measuring()) {
            callback.established(false); // the fleet's first login, before the storm: free and instant
            return;
        }
        boolean resume = world.canResume() || resumeOnly;
        long outcome = resume ? world.server.offerResume(now) : world.server.offerLogin(now);
        world.recorder.attempt(now - world.startedAtMillis, resume, outcome == SimulatedServer.REFUSED);
        if (outcome == SimulatedServer.REFUSED) {
            pending = scheduler.schedule(() -> callback.failed(REFUSED), ROUND_TRIP_MILLIS);
        } else if (outcome == SimulatedServer.REJECTED) {
            pending = scheduler.schedule(() -> callback.failed(UNAVAILABLE),
                    world.server.answersFrom(now) - now + ROUND_TRIP_MILLIS);
        } else if (resume && !world.canResume()) {
            pending = scheduler.schedule(() -> callback.failed(RESUME_REFUSED), outcome - now);
        } else {
            pending = scheduler.schedule(() -> {
                pending = null;
                world.recorder.back(client, world.scheduler.monotonicMillis() - world.startedAtMillis);
                callback.established(resume);
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
