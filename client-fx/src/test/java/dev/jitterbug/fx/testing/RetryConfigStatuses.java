package dev.jitterbug.fx.testing;

import dev.jitterbug.config.RetryConfigFetcher;
import dev.jitterbug.config.RetryConfigService;
import dev.jitterbug.config.RetryConfigStatus;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.platform.VirtualScheduler;

/** Retry config news for tests that feed the bridge by hand (the status type has no public constructor). */
public final class RetryConfigStatuses {
    private RetryConfigStatuses() {
    }

    /** The status of a config service that never fetched: the built-in defaults. */
    public static RetryConfigStatus builtIn() {
        RetryConfigFetcher never = new RetryConfigFetcher() {
            @Override
            public String location() {
                return "https://example.org/.well-known/jitterbug/retry.json";
            }

            @Override
            public void fetch(String ifNoneMatch, Callback callback) {
            }
        };
        return new RetryConfigService(never, new InMemoryKeyValueStore(), new VirtualScheduler()).status();
    }
}
