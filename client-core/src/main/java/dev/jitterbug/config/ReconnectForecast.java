package dev.jitterbug.config;

import java.util.Collections;
import java.util.List;

/**
 * What {@code config check} asks the reconnect policies and the storm simulator: the hook through which it shows
 * sampled waits and the predicted load curve. The config package does not know the policies; whoever wires the
 * application passes a real forecast to {@link ConfigCheck}.
 */
public interface ReconnectForecast {
    /** A forecast that knows nothing yet: {@code config check} then says so instead of guessing. */
    ReconnectForecast NOT_WIRED = new ReconnectForecast() {
        @Override
        public List<Long> sampleWaits(RetryConfig config, String bareJid, int count) {
            return Collections.emptyList();
        }

        @Override
        public List<String> loadCurve(RetryConfig config, int fleetSize) {
            return Collections.emptyList();
        }
    };

    /**
     * The first {@code count} waits (ms) one client with this config would choose after a server-side failure, or an
     * empty list when unknown.
     */
    List<Long> sampleWaits(RetryConfig config, String bareJid, int count);

    /**
     * The predicted reconnect load when a node serving {@code fleetSize} clients dies, as printable lines (e.g. one per
     * time bucket: connection attempts per second), or an empty list when unknown.
     */
    List<String> loadCurve(RetryConfig config, int fleetSize);
}
