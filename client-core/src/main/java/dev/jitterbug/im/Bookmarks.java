package dev.jitterbug.im;

import dev.jitterbug.Jid;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Room bookmarks kept on the server (XEP-0402): builds the request a new session sends, reads its answer, and
 * builds bookmark updates. Not thread-safe: used on the client's event thread.
 */
public final class Bookmarks {
    public static final String BOOKMARKS = "urn:xmpp:bookmarks:1";
    public static final String PUBSUB = "http://jabber.org/protocol/pubsub";

    /** Hears the bookmarks a new session fetched; on the event thread. */
    public interface Listener {
        void bookmarks(List<Bookmark> bookmarks);
    }

    private final Listener listener;
    private String bookmarksRequestId;

    public Bookmarks(Listener listener) {
        this.listener = listener;
    }

    /** What a new session asks for. */
    public Element request() {
        bookmarksRequestId = "bookmarks-" + UUID.randomUUID();
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "get").attr("id", bookmarksRequestId)
                .child(Element.builder("pubsub", PUBSUB).child(Element.builder("items", PUBSUB)
                        .attr("node", BOOKMARKS))).build();
    }

    /**
     * Reads an iq result or error if it answers our request or confirms an update. An error (e.g. no bookmarks node
     * yet) counts as an empty list. Returns whether the stanza was ours.
     */
    public boolean onAnswer(Element iq) {
        String id = iq.attr("id");
        if (id == null) {
            return false;
        }
        boolean result = "result".equals(iq.attr("type"));
        if (id.equals(bookmarksRequestId)) {
            bookmarksRequestId = null;
            listener.bookmarks(result ? parseBookmarks(iq) : Collections.<Bookmark>emptyList());
            return true;
        }
        return id.startsWith("bookmark-publish-") || id.startsWith("bookmark-retract-");
    }

    /** Keeps the room as a bookmark that joins at sign-in, private to the account (XEP-0402 §3). */
    public static Element publishBookmark(Jid room, String nick) {
        Element.Builder conference = Element.builder("conference", BOOKMARKS).attr("autojoin", "true");
        if (nick != null) {
            conference.textChild("nick", nick);
        }
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "set")
                .attr("id", "bookmark-publish-" + UUID.randomUUID())
                .child(Element.builder("pubsub", PUBSUB)
                        .child(Element.builder("publish", PUBSUB).attr("node", BOOKMARKS)
                                .child(Element.builder("item", PUBSUB).attr("id", room.bare().toString())
                                        .child(conference)))
                        .child(Element.builder("publish-options", PUBSUB)
                                .child(Element.builder("x", "jabber:x:data").attr("type", "submit")
                                        .child(field("FORM_TYPE", "http://jabber.org/protocol/pubsub#publish-options"))
                                        .child(field("pubsub#persist_items", "true"))
                                        .child(field("pubsub#max_items", "max"))
                                        .child(field("pubsub#send_last_published_item", "never"))
                                        .child(field("pubsub#access_model", "whitelist")))))
                .build();
    }

    /** Removes the room's bookmark (the user left it). */
    public static Element retractBookmark(Jid room) {
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "set")
                .attr("id", "bookmark-retract-" + UUID.randomUUID())
                .child(Element.builder("pubsub", PUBSUB)
                        .child(Element.builder("retract", PUBSUB).attr("node", BOOKMARKS).attr("notify", "true")
                                .child(Element.builder("item", PUBSUB).attr("id", room.bare().toString()))))
                .build();
    }

    static List<Bookmark> parseBookmarks(Element iq) {
        List<Bookmark> bookmarks = new ArrayList<>();
        Element pubsub = iq.child("pubsub", PUBSUB);
        Element items = pubsub == null ? null : pubsub.child("items", PUBSUB);
        if (items == null) {
            return bookmarks;
        }
        for (Element item : items.children()) {
            Element conference = item.child("conference", BOOKMARKS);
            String id = item.attr("id");
            if (conference == null || id == null) {
                continue;
            }
            try {
                String autojoin = conference.attr("autojoin");
                bookmarks.add(new Bookmark(Jid.parse(id), conference.attr("name"),
                        conference.childText("nick", BOOKMARKS), "true".equals(autojoin) || "1".equals(autojoin)));
            } catch (IllegalArgumentException e) {
                // a broken entry does not hide the others
            }
        }
        return bookmarks;
    }

    private static Element.Builder field(String var, String value) {
        return Element.builder("field", "jabber:x:data").attr("var", var)
                .attr("type", "FORM_TYPE".equals(var) ? "hidden" : null)
                .child(Element.builder("value", "jabber:x:data").text(value));
    }
}
