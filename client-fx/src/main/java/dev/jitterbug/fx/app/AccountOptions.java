package dev.jitterbug.fx.app;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.fx.login.LoginViewModel;

/**
 * Turns a login request into the client's options: where its state lives and where its retry config comes from.
 * Runs on the background executor (it may touch the disk); never on the FX thread.
 */
@FunctionalInterface
public interface AccountOptions {
    /**
     * @param configStatus hears about the account's retry config (fetched, failed …), already bridged to the FX
     *     thread; implementations with a fixed config may ignore it
     */
    ClientOptions create(LoginViewModel.Request request, RetryConfigListener configStatus);
}
