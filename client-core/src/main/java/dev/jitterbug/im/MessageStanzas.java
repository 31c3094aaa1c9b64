package dev.jitterbug.im;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Builds and reads message stanzas: body, XEP-0359 ids, XEP-0203 delay, XEP-0280 carbons, XEP-0313 results. */
public final class MessageStanzas {
    public static final String SID = "urn:xmpp:sid:0";
    public static final String DELAY = "urn:xmpp:delay";
    public static final String CARBONS = "urn:xmpp:carbons:2";
    public static final String FORWARD = "urn:xmpp:forward:0";
    public static final String MAM = "urn:xmpp:mam:2";

    private MessageStanzas() {
    }

    public static Element build(ChatMessage message) {
        return Element.builder("message", Namespaces.CLIENT)
                .attr("to", message.to().toString())
                .attr("type", message.kind() == ChatMessage.Kind.GROUPCHAT ? "groupchat" : "chat")
                .attr("id", message.id())
                .child(Element.builder("body", Namespaces.CLIENT).text(message.body()))
                .child(Element.builder("origin-id", SID).attr("id", message.originId()))
                .child(Element.builder("request", "urn:xmpp:receipts"))
                .build();
    }

    /** The defined condition of a bounced stanza (RFC 6120 §8.3.3), e.g. "not-acceptable", or "unknown". */
    public static String errorCondition(Element bounced) {
        Element error = bounced.child("error", Namespaces.CLIENT);
        if (error != null) {
            for (Element child : error.children()) {
                if (Namespaces.STANZAS.equals(child.namespace())) {
                    return child.name();
                }
            }
        }
        return "unknown";
    }

    /** The origin-id of a message stanza we built, or null for anything else. */
    public static String originIdOf(Element stanza) {
        if (!stanza.is("message", Namespaces.CLIENT)) {
            return null;
        }
        Element origin = stanza.child("origin-id", SID);
        return origin == null ? null : origin.attr("id");
    }

    /**
     * Reads a message with a body, unwrapping carbons and archive results. Returns null for messages without a
     * body (receipts, chat states) and for anything that is not a message.
     *
     * @param self our own bare JID, to tell our messages from others'
     * @param nowMillis the timestamp for messages without a delay
     */
    public static ChatMessage parse(Element stanza, Jid self, long nowMillis) {
        if (!stanza.is("message", Namespaces.CLIENT)) {
            return null;
        }
        Element carbon = firstChild(stanza, CARBONS, "received", "sent");
        if (carbon != null) {
            Element forwarded = carbon.child("forwarded", FORWARD);
            Element inner = forwarded == null ? null : forwarded.child("message", Namespaces.CLIENT);
            // Carbons are only trusted from our own account (XEP-0280 §11).
            String from = stanza.attr("from");
            if (inner == null || (from != null && !Jid.parse(from).bare().equals(self))) {
                return null;
            }
            return read(inner, self, nowMillis, null);
        }
        return read(stanza, self, nowMillis, null);
    }

    /** Reads one archived message from a MAM {@code <result>}. */
    public static ChatMessage parseArchived(Element result, Jid self, long nowMillis) {
        Element forwarded = result.child("forwarded", FORWARD);
        Element inner = forwarded == null ? null : forwarded.child("message", Namespaces.CLIENT);
        if (inner == null) {
            return null;
        }
        return read(inner, self, nowMillis, forwarded.child("delay", DELAY)).withArchiveId(result.attr("id"));
    }

    private static ChatMessage read(Element message, Jid self, long nowMillis, Element outerDelay) {
        String body = message.childText("body", Namespaces.CLIENT);
        if (body == null) {
            return null;
        }
        String type = message.attr("type");
        ChatMessage.Kind kind = "groupchat".equals(type) ? ChatMessage.Kind.GROUPCHAT : ChatMessage.Kind.CHAT;
        Jid from = message.attr("from") != null ? Jid.parse(message.attr("from")) : self;
        Jid to = message.attr("to") != null ? Jid.parse(message.attr("to")) : self;
        Element origin = message.child("origin-id", SID);
        String stanzaId = null;
        for (Element child : message.children()) {
            if (child.is("stanza-id", SID)) {
                stanzaId = child.attr("id");
            }
        }
        Element delay = outerDelay != null ? outerDelay : message.child("delay", DELAY);
        long timestamp = nowMillis;
        if (delay != null && delay.attr("stamp") != null) {
            try {
                timestamp = Instant.parse(delay.attr("stamp")).toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // a bad stamp is not worth losing the message over
            }
        }
        boolean outgoing = kind == ChatMessage.Kind.CHAT && from.bare().equals(self);
        return new ChatMessage(message.attr("id"), origin == null ? null : origin.attr("id"), stanzaId, from, to,
                body, kind, timestamp, outgoing, delay != null);
    }

    private static Element firstChild(Element parent, String namespace, String... names) {
        for (String name : names) {
            Element child = parent.child(name, namespace);
            if (child != null) {
                return child;
            }
        }
        return null;
    }
}
