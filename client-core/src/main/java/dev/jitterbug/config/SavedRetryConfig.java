package dev.jitterbug.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jitterbug.platform.KeyValueStore;
import java.io.IOException;

/**
 * The last good document, kept in a {@link KeyValueStore} under a key per location so that the client starts with
 * it before any network. Stored as the exact body the server sent, re-validated on every load.
 */
final class SavedRetryConfig {
    static final String KEY_PREFIX = "retry-config ";

    final String body;
    final String etag;
    final long fetchedAtMillis;
    final long maxAgeMillis;

    SavedRetryConfig(String body, String etag, long fetchedAtMillis, long maxAgeMillis) {
        this.body = body;
        this.etag = etag;
        this.fetchedAtMillis = fetchedAtMillis;
        this.maxAgeMillis = maxAgeMillis;
    }

    /** The saved copy for the location, or {@code null} when there is none; throws when it is unreadable. */
    static SavedRetryConfig load(KeyValueStore store, String location, ObjectMapper mapper) throws IOException {
        String saved = store.get(KEY_PREFIX + location);
        if (saved == null) {
            return null;
        }
        JsonNode node = mapper.readTree(saved);
        if (node == null || !node.path("body").isTextual()) {
            throw new IOException("the saved copy has no document body");
        }
        return new SavedRetryConfig(node.get("body").asText(),
                node.path("etag").isTextual() ? node.get("etag").asText() : null,
                node.path("fetchedAtMillis").asLong(-1), node.path("maxAgeMillis").asLong(-1));
    }

    void save(KeyValueStore store, String location, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("location", location);
        node.put("etag", etag);
        node.put("fetchedAtMillis", fetchedAtMillis);
        node.put("maxAgeMillis", maxAgeMillis);
        node.put("body", body);
        store.put(KEY_PREFIX + location, node.toString());
    }
}
