package dev.jitterbug.internal.client;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.im.Outbox;
import dev.jitterbug.xml.Element;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where each of our messages stands, from the outbox to "confirmed": when it may go out (never ahead of older ones,
 * never into a room that keeps us out), what confirms it (the server's XEP-0198 ack for a one-to-one message; for a
 * room message only the room's echo or archive — the server acknowledges what a room then refuses), and what a
 * bounce means. Not thread-safe: used on the client's event thread.
 */
final class Deliveries implements StanzaHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Deliveries.class);

    /** What the bookkeeping needs from the client's current session. */
    interface Link {
        /** Whether new messages may go out now (online, and no catch-up deciding what the server already has). */
        boolean canTransmit();

        void send(Element stanza);
    }

    private final Outbox outbox;
    private final Rooms rooms;
    private final Link link;
    private final Consumer<OutgoingMessage> changed;

    Deliveries(Outbox outbox, Rooms rooms, Link link, Consumer<OutgoingMessage> changed) {
        this.outbox = outbox;
        this.rooms = rooms;
        this.link = link;
        this.changed = changed;
    }

    /** Messages not yet confirmed, oldest first (a snapshot). */
    List<OutgoingMessage> pending() {
        return outbox.pending();
    }

    /** A new message: kept in the outbox, and sent at once when it may go. */
    void add(OutgoingMessage queued) {
        outbox.add(queued);
        changed.accept(queued);
        if (link.canTransmit() && mayGo(queued)) {
            transmit(queued);
        }
    }

    /**
     * Sends every unconfirmed message, in the order written. Messages the server may already have are sent again on
     * purpose: their origin-id lets receivers drop the copy, while trusting a stream queue to hold them lost
     * messages (a new login empties it) and reordered them (it holds only the last connection's share).
     */
    void flushAll() {
        for (OutgoingMessage pending : outbox.pending()) {
            if (pending.state() != DeliveryState.FAILED && mayGo(pending)) {
                transmit(pending);
            }
        }
    }

    /** We are in a room again: what waited for it goes out, in the order written. */
    void flushRoom(Jid room) {
        if (!link.canTransmit()) {
            return; // the catch-up under way flushes everything when it is done
        }
        for (OutgoingMessage pending : outbox.pending()) {
            if (pending.state() != DeliveryState.FAILED && pending.message().to().equals(room)) {
                transmit(pending);
            }
        }
    }

    /**
     * The chain's first look at a message: a bounce of ours is handled here (and goes no further); a room's echo of
     * ours confirms it, and the message goes on to be shown.
     */
    @Override
    public boolean handle(Element stanza) {
        if (!stanza.is("message", Namespaces.CLIENT)) {
            return false;
        }
        if ("error".equals(stanza.attr("type"))) {
            bounced(stanza);
            return true;
        }
        live(stanza);
        return false;
    }

    /** The server acknowledged these stanzas (XEP-0198). */
    void acknowledged(List<Element> stanzas) {
        for (Element stanza : stanzas) {
            if (!"groupchat".equals(stanza.attr("type"))) { // for a room, only its echo says the room took it
                confirm(MessageStanzas.originIdOf(stanza));
            }
        }
    }

    /** A live message: when it is a room's echo of one of ours, the room passed it on. */
    private void live(Element message) {
        String from = message.attr("from");
        if ("groupchat".equals(message.attr("type")) && from != null && rooms.isUs(Jid.parse(from))) {
            confirm(MessageStanzas.originIdOf(message));
        }
    }

    /**
     * A message an archive holds. A room's archive copy of ours means the room took it and passed it on. Our own
     * archive's copy of a one-to-one message proves less: the server stores the sender's copy before it routes the
     * message, and a server killed in between (the soak did that) never delivers or stores the recipient's. So an
     * unconfirmed one-to-one message is sent again; its origin-id lets the recipient drop a copy it already has.
     */
    void archived(ChatMessage message) {
        if (message.kind() == ChatMessage.Kind.GROUPCHAT && rooms.isUs(message.from())) {
            confirm(message.originId());
        }
    }

    /**
     * A message of ours bounced. A room refuses messages from someone not in it (after a server restart, before our
     * rejoin went through): the message waits and goes again once we are back in. A one-to-one message that
     * bounces cannot be delivered; it fails with the server's reason.
     */
    private void bounced(Element error) {
        String id = error.attr("id");
        OutgoingMessage bounced = id == null ? null : outbox.get(id);
        if (bounced == null || bounced.state() == DeliveryState.FAILED) {
            return;
        }
        String condition = MessageStanzas.errorCondition(error);
        Jid to = bounced.message().to();
        if (bounced.message().kind() == ChatMessage.Kind.GROUPCHAT && rooms.nickIn(to) != null) {
            LOG.info("{} refused a message ({}); joining it again", to, condition);
            update(id, DeliveryState.QUEUED, null);
            rooms.messageRefused(to);
        } else {
            update(id, DeliveryState.FAILED, "The server could not deliver this message (" + condition + ").");
        }
    }

    /** We could not get back into a room: what waits for it cannot be delivered. */
    void roomUnreachable(Jid room, String reason) {
        for (OutgoingMessage pending : outbox.pending()) {
            if (pending.message().to().equals(room) && pending.state() != DeliveryState.FAILED) {
                update(pending.originId(), DeliveryState.FAILED, reason);
            }
        }
    }

    /** A room we are (re)joining would refuse the message: it waits, in order, until we are in. */
    private boolean mayGo(OutgoingMessage message) {
        return message.message().kind() != ChatMessage.Kind.GROUPCHAT || !rooms.rejoining(message.message().to());
    }

    private void transmit(OutgoingMessage message) {
        link.send(MessageStanzas.build(message.message()));
        update(message.originId(), DeliveryState.SENT, null);
    }

    private void confirm(String originId) {
        if (originId != null) {
            update(originId, DeliveryState.ACKED, null);
        }
    }

    private void update(String originId, DeliveryState state, String reason) {
        OutgoingMessage updated = outbox.update(originId, state, reason);
        if (updated != null) {
            changed.accept(updated);
        }
    }
}
