package dev.jitterbug;

/** A message in a conversation, incoming or our own. Immutable. */
public final class ChatMessage {
    /** One-to-one chat or a room (groupchat). */
    public enum Kind { CHAT, GROUPCHAT }

    private final String id;
    private final String originId;
    private final String stanzaId;
    private final Jid from;
    private final Jid to;
    private final String body;
    private final Kind kind;
    private final long timestampMillis;
    private final boolean outgoing;
    private final boolean delayed;

    public ChatMessage(String id, String originId, String stanzaId, Jid from, Jid to, String body, Kind kind,
            long timestampMillis, boolean outgoing, boolean delayed) {
        this.id = id;
        this.originId = originId;
        this.stanzaId = stanzaId;
        this.from = from;
        this.to = to;
        this.body = body;
        this.kind = kind;
        this.timestampMillis = timestampMillis;
        this.outgoing = outgoing;
        this.delayed = delayed;
    }

    /** The stanza id attribute. */
    public String id() {
        return id;
    }

    /** XEP-0359 origin-id: the sender's own id, stable across re-sends; used to drop duplicates. */
    public String originId() {
        return originId;
    }

    /** XEP-0359 stanza-id assigned by the archive, or null. */
    public String stanzaId() {
        return stanzaId;
    }

    public Jid from() {
        return from;
    }

    public Jid to() {
        return to;
    }

    public String body() {
        return body;
    }

    public Kind kind() {
        return kind;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    /** Sent by this account (possibly from another device, or reflected by a room). */
    public boolean outgoing() {
        return outgoing;
    }

    /** Delivered late: from the archive, offline storage, or a room's history. */
    public boolean delayed() {
        return delayed;
    }

    /** The conversation this message belongs to: the room, or the other party's bare JID. */
    public Jid conversation() {
        if (kind == Kind.GROUPCHAT) {
            return from.bare();
        }
        return outgoing ? to.bare() : from.bare();
    }

    /** The same message with the archive's id (XEP-0313 result id, which is the stanza-id). */
    public ChatMessage withArchiveId(String archiveId) {
        return new ChatMessage(id, originId, archiveId != null ? archiveId : stanzaId, from, to, body, kind,
                timestampMillis, outgoing, delayed);
    }

    /** The same message marked as our own (a room reflecting what we sent). */
    public ChatMessage asOutgoing() {
        return new ChatMessage(id, originId, stanzaId, from, to, body, kind, timestampMillis, true, delayed);
    }

    @Override
    public String toString() {
        return kind + " " + from + " -> " + to + ": " + body;
    }
}
