package dev.jitterbug;

import dev.jitterbug.platform.ClientScheduler;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.SharedEventLoop;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * What many clients in one process can share instead of each building its own (a load test, a bridge with many
 * accounts): one event loop (a thread per core, not one per client), and one HTTP client whose dispatcher has room
 * for every session. An open WebSocket holds a dispatcher slot
 * for its whole life and a BOSH session up to two long polls, so the default limit (64) would stall the 65th session.
 * Pass it with {@link ClientOptions.Builder#sharedResources(SharedResources)}; close it after the clients.
 */
public final class SharedResources implements AutoCloseable {
    private static final int SLOTS_PER_SESSION = 2;
    private static final int SPARE_SLOTS = 16; // config fetches and a short overlap while a session is replaced

    private final OkHttpClient http;
    private final SharedEventLoop eventLoop;

    private SharedResources(OkHttpClient http, SharedEventLoop eventLoop) {
        this.http = http;
        this.eventLoop = eventLoop;
    }

    /** Room for {@code maxSessions} concurrent sessions (WebSocket or BOSH) to any number of hosts. */
    public static SharedResources forSessions(int maxSessions) {
        return forSessions(maxSessions, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * As {@link #forSessions(int)}, with {@code eventLoopThreads} shared event threads; 0 gives each client an event
     * thread of its own (isolation for listeners that block, at a thread per client).
     */
    public static SharedResources forSessions(int maxSessions, int eventLoopThreads) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("shared resources need room for at least 1 session (was " + maxSessions
                    + ")");
        }
        if (eventLoopThreads < 0) {
            throw new IllegalArgumentException("event loop threads must be 0 or more (was " + eventLoopThreads + ")");
        }
        int slots = maxSessions * SLOTS_PER_SESSION + SPARE_SLOTS;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(slots);
        dispatcher.setMaxRequestsPerHost(slots);
        return new SharedResources(new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectTimeout(10, TimeUnit.SECONDS).build(),
                eventLoopThreads == 0 ? null : new SharedEventLoop(eventLoopThreads));
    }

    OkHttpClient http() {
        return http;
    }

    /** A serial scheduler for one more client on the shared event loop. */
    ClientScheduler schedulerFor(String clientName) {
        return eventLoop == null ? new ExecutorScheduler(clientName) : eventLoop.lane(clientName);
    }

    @Override
    public void close() {
        if (eventLoop != null) {
            eventLoop.close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
