package dev.jitterbug;

import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * What many clients in one process can share instead of each building its own (a load test, a bridge with many
 * accounts): one HTTP client whose dispatcher has room for every session. An open WebSocket holds a dispatcher slot
 * for its whole life and a BOSH session up to two long polls, so the default limit (64) would stall the 65th session.
 * Pass it with {@link ClientOptions.Builder#sharedResources(SharedResources)}; close it after the clients.
 */
public final class SharedResources implements AutoCloseable {
    private static final int SLOTS_PER_SESSION = 2;
    private static final int SPARE_SLOTS = 16; // config fetches and a short overlap while a session is replaced

    private final OkHttpClient http;

    private SharedResources(OkHttpClient http) {
        this.http = http;
    }

    /** Room for {@code maxSessions} concurrent sessions (WebSocket or BOSH) to any number of hosts. */
    public static SharedResources forSessions(int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("shared resources need room for at least 1 session (was " + maxSessions
                    + ")");
        }
        int slots = maxSessions * SLOTS_PER_SESSION + SPARE_SLOTS;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(slots);
        dispatcher.setMaxRequestsPerHost(slots);
        return new SharedResources(new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectTimeout(10, TimeUnit.SECONDS).build());
    }

    OkHttpClient http() {
        return http;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
