package dev.jitterbug;

import java.net.URI;

/** The test-only seam into {@link ClientOptions}: options no application can set. */
public final class TestOnlyOptions {
    private TestOnlyOptions() {
    }

    /** Discovers the endpoint from {@code http://127.0.0.1:PORT/.well-known/…} (tests cannot serve https on 443). */
    public static ClientOptions.Builder discoverFrom(ClientOptions.Builder options, URI loopbackBase) {
        return options.testOnlyDiscoveryBase(loopbackBase);
    }
}
