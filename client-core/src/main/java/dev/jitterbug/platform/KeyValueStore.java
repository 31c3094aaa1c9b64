package dev.jitterbug.platform;

/**
 * Small persistent storage for non-secret state: the last good retry config, stream-management ids, the outbox,
 * cached stream features. Desktop stores files in the user's data folder; Android would use its own storage.
 * Never used for passwords: see {@link SecretStore}.
 */
public interface KeyValueStore {
    /** The stored value, or {@code null} when there is none. */
    String get(String key);

    /** Stores the value durably (the write is complete when this returns); {@code null} removes the key. */
    void put(String key, String value);
}
