package dev.jitterbug.platform;

import java.util.concurrent.ConcurrentHashMap;

/** A store that forgets everything when the process ends: for tests and for the storm simulator. */
public final class InMemoryKeyValueStore implements KeyValueStore {
    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    public void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }
}
