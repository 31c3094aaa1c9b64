package dev.jitterbug.im;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jitterbug.ChatMessage;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.platform.KeyValueStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our messages that the server has not confirmed yet, in the order they were written, persisted on every change
 * so an app restart keeps them. A message leaves the outbox when the server acknowledges it.
 * Not thread-safe: used on the client's event thread.
 */
public final class Outbox {
    private static final String KEY = "outbox";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyValueStore store;
    private final Map<String, OutgoingMessage> pending = new LinkedHashMap<>();

    public Outbox(KeyValueStore store) {
        this.store = store;
        load();
    }

    public void add(OutgoingMessage message) {
        pending.put(message.originId(), message);
        save();
    }

    /** Updates the state of a pending message; ACKED removes it. Returns the new snapshot, or null if unknown. */
    public OutgoingMessage update(String originId, DeliveryState state, String reason) {
        OutgoingMessage current = pending.get(originId);
        if (current == null) {
            return null;
        }
        OutgoingMessage updated = current.withState(state, reason);
        if (state == DeliveryState.ACKED) {
            pending.remove(originId);
        } else {
            pending.put(originId, updated);
        }
        save();
        return updated;
    }

    public OutgoingMessage get(String originId) {
        return pending.get(originId);
    }

    /** Every pending message, oldest first. */
    public List<OutgoingMessage> pending() {
        return new ArrayList<>(pending.values());
    }

    public int size() {
        return pending.size();
    }

    private void save() {
        ArrayNode array = JSON.createArrayNode();
        for (OutgoingMessage message : pending.values()) {
            ChatMessage m = message.message();
            ObjectNode node = array.addObject();
            node.put("originId", m.originId());
            node.put("id", m.id());
            node.put("from", m.from().toString());
            node.put("to", m.to().toString());
            node.put("body", m.body());
            node.put("kind", m.kind().name());
            node.put("timestamp", m.timestampMillis());
            node.put("state", message.state().name());
            if (message.failureReason() != null) {
                node.put("reason", message.failureReason());
            }
        }
        store.put(KEY, array.toString());
    }

    private void load() {
        String stored = store.get(KEY);
        if (stored == null) {
            return;
        }
        try {
            for (JsonNode node : JSON.readTree(stored)) {
                ChatMessage message = new ChatMessage(node.path("id").asText(), node.path("originId").asText(), null,
                        Jid.parse(node.path("from").asText()), Jid.parse(node.path("to").asText()),
                        node.path("body").asText(), ChatMessage.Kind.valueOf(node.path("kind").asText("CHAT")),
                        node.path("timestamp").asLong(), true, false);
                DeliveryState state = DeliveryState.valueOf(node.path("state").asText("QUEUED"));
                // After a restart nothing is "on the wire" any more: what was SENT is queued again.
                if (state == DeliveryState.SENT) {
                    state = DeliveryState.QUEUED;
                }
                pending.put(message.originId(), new OutgoingMessage(message, state,
                        node.hasNonNull("reason") ? node.get("reason").asText() : null));
            }
        } catch (IOException | IllegalArgumentException e) {
            // A damaged outbox file must not stop the app; keep a copy for the user rather than losing it silently.
            store.put(KEY + ".damaged", stored);
            store.put(KEY, null);
        }
    }
}
