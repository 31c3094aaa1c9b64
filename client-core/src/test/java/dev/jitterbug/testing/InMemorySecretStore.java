package dev.jitterbug.testing;

import dev.jitterbug.platform.SecretStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A keychain stand-in for tests and benchmarks: secrets in this JVM's memory only. */
public final class InMemorySecretStore implements SecretStore {
    private final Map<String, char[]> secrets = new ConcurrentHashMap<>();

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String description() {
        return "kept in memory for this test";
    }

    @Override
    public char[] load(String account) {
        char[] secret = secrets.get(account);
        return secret == null ? null : secret.clone();
    }

    @Override
    public void save(String account, char[] secret) {
        secrets.put(account, secret.clone());
    }

    @Override
    public void delete(String account) {
        secrets.remove(account);
    }

    /** The names secrets are kept under. */
    public java.util.Set<String> names() {
        return secrets.keySet();
    }
}
