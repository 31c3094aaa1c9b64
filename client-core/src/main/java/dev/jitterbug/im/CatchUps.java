package dev.jitterbug.im;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import dev.jitterbug.platform.KeyValueStore;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the archive catch-ups after a new login — our own archive and each joined room's — and holds live messages
 * back until they are done, so every conversation shows what was missed in order, once. Not thread-safe: used on
 * the client's event thread.
 */
public final class CatchUps {
    private final KeyValueStore store;
    private final Jid self;
    private final ArchiveCatchUp own;
    private final Map<Jid, ArchiveCatchUp> rooms = new LinkedHashMap<>();
    private final List<ChatMessage> held = new ArrayList<>();
    private int fetched;

    public CatchUps(KeyValueStore store, Jid self) {
        this.store = store;
        this.self = self.bare();
        this.own = new ArchiveCatchUp(store, self);
    }

    /**
     * A new session is ready: returns the queries to send (none on the very first session, which missed nothing,
     * nor for rooms joined for the first time, which get the room's recent history on join instead).
     */
    public List<Element> begin(long nowMillis, Collection<Jid> joinedRooms) {
        fetched = 0;
        List<Element> queries = new ArrayList<>();
        if (own.sessionStarted(nowMillis)) {
            queries.add(own.start());
        }
        for (Jid room : joinedRooms) {
            ArchiveCatchUp archive = room(room);
            if (archive.sessionStarted(nowMillis)) {
                queries.add(archive.start());
            }
        }
        return queries;
    }

    /**
     * We join a room: returns true on the first join ever (ask the room for recent history), false on a rejoin
     * (the catch-up brings exactly what was missed). Marks the start of the room's history for later catch-ups.
     */
    public boolean joining(Jid room, long nowMillis) {
        ArchiveCatchUp archive = room(room);
        boolean first = !archive.hasHistory();
        archive.sessionStarted(nowMillis);
        return first;
    }

    public boolean isRunning() {
        if (own.isRunning()) {
            return true;
        }
        for (ArchiveCatchUp archive : rooms.values()) {
            if (archive.isRunning()) {
                return true;
            }
        }
        return false;
    }

    /** Remembers archive ids carried by a live message (ours or a room's). */
    public void sawLive(Element message) {
        own.sawLive(message);
        String from = message.attr("from");
        if (from != null) {
            ArchiveCatchUp archive = rooms.get(Jid.parse(from).bare());
            if (archive != null) {
                archive.sawLive(message);
            }
        }
    }

    /** Holds a live message while catch-ups run; returns false when it may be shown at once. */
    public boolean hold(ChatMessage live) {
        if (!isRunning()) {
            return false;
        }
        held.add(live);
        return true;
    }

    /** An archived result from one of our running queries, or null (not ours, or no body). */
    public ChatMessage archived(Element message, long nowMillis) {
        for (ArchiveCatchUp archive : all()) {
            if (archive.owns(message)) {
                ChatMessage result = archive.onResult(message, nowMillis);
                if (result != null) {
                    fetched++;
                }
                return result;
            }
        }
        return null;
    }

    /** Whether this iq id answers one of our running queries. */
    public boolean owns(String iqId) {
        for (ArchiveCatchUp archive : all()) {
            if (archive.owns(iqId)) {
                return true;
            }
        }
        return false;
    }

    /** A query's answer: returns the next page's query, or null (that archive is done, or failed). */
    public Element onAnswer(Element iq) {
        for (ArchiveCatchUp archive : all()) {
            if (archive.owns(iq.attr("id"))) {
                Element next = "result".equals(iq.attr("type")) ? archive.onFinished(iq) : null;
                if (next == null) {
                    archive.abandon();
                }
                return next;
            }
        }
        return null;
    }

    /** Stops every catch-up (done, timed out, or the session ended) and returns the held live messages. */
    public List<ChatMessage> finish() {
        for (ArchiveCatchUp archive : all()) {
            archive.abandon();
            archive.persist();
        }
        List<ChatMessage> released = new ArrayList<>(held);
        held.clear();
        return released;
    }

    /** Archived messages fetched by the last round of catch-ups. */
    public int fetched() {
        return fetched;
    }

    public void persist() {
        for (ArchiveCatchUp archive : all()) {
            archive.persist();
        }
    }

    private ArchiveCatchUp room(Jid room) {
        return rooms.computeIfAbsent(room.bare(), r -> new ArchiveCatchUp(store, self, r));
    }

    private List<ArchiveCatchUp> all() {
        List<ArchiveCatchUp> all = new ArrayList<>();
        all.add(own);
        all.addAll(rooms.values());
        return all;
    }
}
