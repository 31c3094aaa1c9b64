package dev.jitterbug.fx.app;

import dev.jitterbug.platform.SecretStore;
import java.util.function.Supplier;

/**
 * The OS keychain, opened when a secret is first read or written rather than at start-up: opening may block on D-Bus
 * or a system prompt, and the first use is on a login worker, never the FX thread. Opened once, then shared.
 */
final class KeychainOnFirstUse implements SecretStore {
    private final Supplier<SecretStore> opener;
    private SecretStore opened;

    KeychainOnFirstUse(Supplier<SecretStore> opener) {
        this.opener = opener;
    }

    private synchronized SecretStore store() {
        if (opened == null) {
            opened = opener.get();
        }
        return opened;
    }

    @Override
    public boolean isAvailable() {
        return store().isAvailable();
    }

    @Override
    public String description() {
        return store().description();
    }

    @Override
    public char[] load(String account) {
        return store().load(account);
    }

    @Override
    public void save(String account, char[] secret) {
        store().save(account, secret);
    }

    @Override
    public void delete(String account) {
        store().delete(account);
    }
}
