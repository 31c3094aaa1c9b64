package dev.jitterbug.internal.client;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import dev.jitterbug.im.ArchiveCatchUp;
import dev.jitterbug.im.DuplicateFilter;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;

/**
 * Where incoming messages become what the user sees: parsed once, held back while a catch-up runs, and shown once —
 * the one duplicate filter drops a copy already shown (a re-send, a room's reflection, an archive overlap).
 */
final class Inbox implements StanzaHandler {
    private final Jid self;
    private final Rooms rooms;
    private final Deliveries deliveries;
    private final Listeners listeners;
    private final DuplicateFilter duplicates = new DuplicateFilter(20_000);
    private CatchUpHandler catchUp;

    Inbox(Jid self, Rooms rooms, Deliveries deliveries, Listeners listeners) {
        this.self = self;
        this.rooms = rooms;
        this.deliveries = deliveries;
        this.listeners = listeners;
    }

    /** The catch-up that may hold messages back (the two refer to each other: it shows what it held through us). */
    void holdBackDuring(CatchUpHandler catchUps) {
        this.catchUp = catchUps;
    }

    /** One of our own messages: its copy coming back (room reflection, archive catch-up) is not a new message. */
    void sent(ChatMessage message) {
        duplicates.firstTime(message.conversation().toString(), message.originId());
    }

    @Override
    public boolean handle(Element stanza) {
        if (!stanza.is("message", Namespaces.CLIENT)) {
            return false;
        }
        if (ArchiveCatchUp.isArchiveResult(stanza)) {
            ChatMessage archived = catchUp.archived(stanza);
            if (archived != null) {
                deliveries.archived(archived);
                show(archived);
            }
            return true;
        }
        ChatMessage message = MessageStanzas.parse(stanza, self, System.currentTimeMillis());
        if (!catchUp.holdsBack(stanza, message) && message != null) {
            show(message);
        }
        return true;
    }

    /** Shows a message unless it was shown before; a room's echo of ours shows as ours. */
    void show(ChatMessage message) {
        String key = message.originId() != null ? message.originId() : message.stanzaId();
        if (!duplicates.firstTime(message.conversation().toString(), key)) {
            return;
        }
        ChatMessage shown = message;
        if (message.kind() == ChatMessage.Kind.GROUPCHAT && rooms.isUs(message.from())) {
            shown = message.asOutgoing();
        }
        listeners.onMessage(shown);
    }
}
