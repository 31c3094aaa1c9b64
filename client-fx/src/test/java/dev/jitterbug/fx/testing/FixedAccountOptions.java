package dev.jitterbug.fx.testing;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.fx.app.AccountOptions;
import dev.jitterbug.fx.login.LoginViewModel;
import dev.jitterbug.platform.InMemoryKeyValueStore;

/** Accounts for UI tests: state in memory, a fixed retry config (e.g. a short one), no config fetch. */
public final class FixedAccountOptions implements AccountOptions {
    private final RetryConfig config;

    public FixedAccountOptions(RetryConfig config) {
        this.config = config;
    }

    /** Retries fast and spread little, so that outages in tests last seconds, not minutes. */
    public static RetryConfig quickRetries(long statusQuietMillis) {
        return RetryConfig.builder().version("ui-test").baseMillis(500).capMillis(2_000)
                .serverFailureSpreadMillis(1_000).blipRetryWindowMillis(100).statusQuietMillis(statusQuietMillis)
                .build();
    }

    @Override
    public ClientOptions create(LoginViewModel.Request request, RetryConfigListener configStatus) {
        return request.options().store(new InMemoryKeyValueStore()).retryConfig(config).build();
    }
}
