package dev.jitterbug.testing;

import dev.jitterbug.config.RetryConfig;

/**
 * The retry config the integration tests share: the built-in policy with short waits (base 0.5 s, cap 3 s, which the
 * hard limits raise to 10 s in the policy in force; server failures spread over 1 s, blips retried within 0.5 s), so
 * reconnects happen within a test's patience. Tests that
 * need other values start from {@link #builder()} and say which.
 */
public final class QuickRetry {
    public static final RetryConfig CONFIG = builder().build();

    private QuickRetry() {
    }

    public static RetryConfig.Builder builder() {
        return RetryConfig.defaults().toBuilder().version("quick-test").baseMillis(500).capMillis(3_000)
                .serverFailureSpreadMillis(1_000).blipRetryWindowMillis(500);
    }
}
