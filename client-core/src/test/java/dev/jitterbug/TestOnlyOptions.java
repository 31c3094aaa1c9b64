package dev.jitterbug;

import java.net.URI;
import okhttp3.Dns;

/** The test-only seam into {@link ClientOptions}: options no application can set. */
public final class TestOnlyOptions {
    private TestOnlyOptions() {
    }

    /** Discovers the endpoint from {@code http://127.0.0.1:PORT/.well-known/…} (tests cannot serve https on 443). */
    public static ClientOptions.Builder discoverFrom(ClientOptions.Builder options, URI loopbackBase) {
        return options.testOnlyDiscoveryBase(loopbackBase);
    }

    /**
     * Resolves names with {@code dns} in the client's own HTTP client (its answers must be loopback addresses), so a
     * loopback server can stand in for a host that is not on this machine, e.g. {@code jitterbug.test}.
     */
    public static ClientOptions.Builder resolveWith(ClientOptions.Builder options, Dns dns) {
        return options.testOnlyDns(dns);
    }
}
