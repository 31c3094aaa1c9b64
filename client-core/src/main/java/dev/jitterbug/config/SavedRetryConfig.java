package dev.jitterbug.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jitterbug.platform.KeyValueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The last good document, kept in a {@link KeyValueStore} under a key per location so that the client starts with
 * it before any network. Stored as the exact body the server sent, re-validated on every load.
 */
final class SavedRetryConfig {
    private static final String KEY_PREFIX = "retry-config-";

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
        String saved = store.get(keyFor(location));
        if (saved == null) {
            return null;
        }
        JsonNode node = mapper.readTree(saved);
        if (node == null || !node.path("body").isTextual()) {
            throw new IOException("the saved copy has no document body");
        }
        if (!location.equals(node.path("location").asText())) {
            return null;
        }
        return new SavedRetryConfig(node.get("body").asText(),
                node.path("etag").isTextual() ? node.get("etag").asText() : null,
                node.path("fetchedAtMillis").asLong(-1), node.path("maxAgeMillis").asLong(-1));
    }

    /**
     * A short, file-name-safe key per location: {@code retry-config-} and 16 hex digits of the location's SHA-256
     * (URLs can be longer than file names may be).
     */
    static String keyFor(String location) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
            StringBuilder key = new StringBuilder(KEY_PREFIX);
            for (int i = 0; i < 8; i++) {
                key.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return key.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java and Android runtime provides SHA-256", e);
        }
    }

    void save(KeyValueStore store, String location, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("location", location);
        node.put("etag", etag);
        node.put("fetchedAtMillis", fetchedAtMillis);
        node.put("maxAgeMillis", maxAgeMillis);
        node.put("body", body);
        store.put(keyFor(location), node.toString());
    }
}
