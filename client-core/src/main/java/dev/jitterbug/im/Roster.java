package dev.jitterbug.im;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jitterbug.Contact;
import dev.jitterbug.Jid;
import dev.jitterbug.platform.KeyValueStore;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact list with roster versioning (RFC 6121 §2.6): the last version and its items persist, so after a
 * new login the server answers "unchanged" instead of sending the whole roster again — one of the costs of a
 * reconnect kept small. Pushes keep it current. Not thread-safe: used on the client's event thread.
 */
public final class Roster {
    public static final String NS = "jabber:iq:roster";
    private static final String KEY = "roster";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyValueStore store;
    private final Map<Jid, Contact> contacts = new LinkedHashMap<>();
    private String version;
    private int fullFetches;
    private int unchangedFetches;
    private int lastFetchItems;

    public Roster(KeyValueStore store) {
        this.store = store;
        load();
    }

    /** The request for a new session: with our version, so an unchanged roster costs one empty answer. */
    public Element request(String id) {
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "get").attr("id", id)
                .child(Element.builder("query", NS).attr("ver", version == null ? "" : version))
                .build();
    }

    /** The answer to {@link #request}; returns true when the contact list changed. */
    public boolean onResult(Element iq) {
        Element query = iq.child("query", NS);
        if (query == null) {
            unchangedFetches++;
            lastFetchItems = 0;
            return false; // RFC 6121 §2.6.3: an empty result means our version is current
        }
        fullFetches++;
        contacts.clear();
        for (Element item : query.children()) {
            apply(item);
        }
        version = query.attr("ver");
        lastFetchItems = contacts.size();
        save();
        return true;
    }

    /** Items the last fetch carried: 0 when the server said our version was current. */
    public int lastFetchItems() {
        return lastFetchItems;
    }

    /** A roster push (iq set from our own account); returns true when it applied. */
    public boolean onPush(Element iq) {
        Element query = iq.child("query", NS);
        if (query == null) {
            return false;
        }
        for (Element item : query.children()) {
            apply(item);
        }
        if (query.attr("ver") != null) {
            version = query.attr("ver");
        }
        save();
        return true;
    }

    public List<Contact> contacts() {
        return new ArrayList<>(contacts.values());
    }

    /** How many sessions received the whole roster, and how many heard "unchanged" (for cost accounting). */
    public int fullFetches() {
        return fullFetches;
    }

    public int unchangedFetches() {
        return unchangedFetches;
    }

    private void apply(Element item) {
        if (!"item".equals(item.name()) || item.attr("jid") == null) {
            return;
        }
        Jid jid = Jid.parse(item.attr("jid")).bare();
        if ("remove".equals(item.attr("subscription"))) {
            contacts.remove(jid);
        } else {
            contacts.put(jid, new Contact(jid, item.attr("name"), item.attr("subscription")));
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("ver", version);
        ArrayNode items = root.putArray("items");
        for (Contact contact : contacts.values()) {
            ObjectNode node = items.addObject();
            node.put("jid", contact.jid().toString());
            node.put("name", contact.name());
            node.put("subscription", contact.subscription());
        }
        store.put(KEY, root.toString());
    }

    private void load() {
        String stored = store.get(KEY);
        if (stored == null) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(stored);
            version = root.hasNonNull("ver") ? root.get("ver").asText() : null;
            for (JsonNode node : root.path("items")) {
                Jid jid = Jid.parse(node.path("jid").asText());
                contacts.put(jid, new Contact(jid, node.hasNonNull("name") ? node.get("name").asText() : null,
                        node.path("subscription").asText("none")));
            }
        } catch (IOException | IllegalArgumentException e) {
            version = null; // a damaged copy only costs one full fetch
            contacts.clear();
        }
    }
}
