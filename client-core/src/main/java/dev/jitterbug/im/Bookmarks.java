package dev.jitterbug.im;

import dev.jitterbug.Jid;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Room bookmarks (XEP-0402, stored in PEP): the rooms the user joined are saved on the server, so every device and
 * every new login joins them again. Builds the requests and reads the answers; the client sends them.
 */
public final class Bookmarks {
    public static final String NODE = "urn:xmpp:bookmarks:1";
    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String PUBSUB_OWNER = "http://jabber.org/protocol/pubsub#owner";
    private static final String DATA = "jabber:x:data";

    private Bookmarks() {
    }

    /** The request for every bookmark. */
    public static Element fetch(String id) {
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "get").attr("id", id)
                .child(Element.builder("pubsub", PUBSUB).child(Element.builder("items", PUBSUB).attr("node", NODE)))
                .build();
    }

    /** Rooms marked autojoin in an answer to {@link #fetch}, with their nick (null: use the default). */
    public static Map<Jid, String> autojoin(Element iqResult) {
        Map<Jid, String> rooms = new LinkedHashMap<>();
        Element pubsub = iqResult.child("pubsub", PUBSUB);
        Element items = pubsub == null ? null : pubsub.child("items", PUBSUB);
        if (items == null) {
            return rooms;
        }
        for (Element item : items.children()) {
            Element conference = item.child("conference", NODE);
            String id = item.attr("id");
            if (conference == null || id == null) {
                continue;
            }
            String autojoin = conference.attr("autojoin");
            if ("true".equals(autojoin) || "1".equals(autojoin)) {
                try {
                    rooms.put(Jid.parse(id).bare(), conference.childText("nick", NODE));
                } catch (IllegalArgumentException ignored) {
                    // a bookmark with an unusable address is skipped, not fatal
                }
            }
        }
        return rooms;
    }

    /** Saves a room as an autojoin bookmark, private to the account (XEP-0402 §5.3 publish options). */
    public static Element save(String id, Jid room, String nick) {
        return save(id, room, nick, true);
    }

    /**
     * The same with only the publish options XEP-0223 names ({@code persist_items}, {@code access_model}), for a
     * server that refused {@link #save}: ejabberd 23.01 knows neither {@code pubsub#max_items} nor
     * {@code pubsub#send_last_published_item} as publish options and refuses the whole publish (resource-constraint,
     * "Unknown field").
     */
    public static Element saveWithBasicOptions(String id, Jid room, String nick) {
        return save(id, room, nick, false);
    }

    private static Element save(String id, Jid room, String nick, boolean allOptions) {
        Element.Builder options = Element.builder("x", DATA).attr("type", "submit")
                .child(field("FORM_TYPE", "http://jabber.org/protocol/pubsub#publish-options"))
                .child(field("pubsub#persist_items", "true"));
        if (allOptions) {
            options.child(field("pubsub#max_items", "max"))
                    .child(field("pubsub#send_last_published_item", "never"));
        }
        options.child(field("pubsub#access_model", "whitelist"));
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", id)
                .child(Element.builder("pubsub", PUBSUB)
                        .child(Element.builder("publish", PUBSUB).attr("node", NODE)
                                .child(Element.builder("item", PUBSUB).attr("id", room.bare().toString())
                                        .child(Element.builder("conference", NODE).attr("autojoin", "true")
                                                .textChild("nick", nick))))
                        .child(Element.builder("publish-options", PUBSUB).child(options)))
                .build();
    }

    /**
     * Configures the bookmarks node to keep many items (XEP-0060 §8.2), after a {@link #saveWithBasicOptions}: a node
     * that such a publish created keeps the server's default number of items, which is one on ejabberd 23.01 (each
     * bookmark would replace the last).
     */
    public static Element keepManyItems(String id) {
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", id)
                .child(Element.builder("pubsub", PUBSUB_OWNER)
                        .child(Element.builder("configure", PUBSUB_OWNER).attr("node", NODE)
                                .child(Element.builder("x", DATA).attr("type", "submit")
                                        .child(field("FORM_TYPE", "http://jabber.org/protocol/pubsub#node_config"))
                                        .child(field("pubsub#max_items", "1000")))))
                .build();
    }

    /** Removes a room's bookmark. */
    public static Element remove(String id, Jid room) {
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", id)
                .child(Element.builder("pubsub", PUBSUB)
                        .child(Element.builder("retract", PUBSUB).attr("node", NODE).attr("notify", "true")
                                .child(Element.builder("item", PUBSUB).attr("id", room.bare().toString()))))
                .build();
    }

    private static Element field(String var, String value) {
        return Element.builder("field", DATA).attr("var", var).textChild("value", value).build();
    }
}
