package dev.jitterbug.im;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import dev.jitterbug.platform.KeyValueStore;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the archive catch-ups after a new login — our own archive and each joined room's — and holds live messages
 * back until they are done, so every conversation shows what was missed in order, once. Not thread-safe: used on
 * the client's event thread.
 */
public final class CatchUps {
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private final KeyValueStore store;
    private final Jid self;
    private final ArchiveCatchUp own;
    private final Map<Jid, ArchiveCatchUp> rooms = new LinkedHashMap<>();
    private final List<Held> held = new ArrayList<>();
    /** Rooms joined for the first time since the last {@link #begin}: their recent history came with the join. */
    private final Set<Jid> firstJoins = new HashSet<>();
    private int fetched;
    private int retries;

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
        retries = 0;
        List<Element> queries = new ArrayList<>();
        if (own.sessionStarted(nowMillis)) {
            queries.add(own.start());
        }
        for (Jid room : joinedRooms) {
            ArchiveCatchUp archive = room(room);
            if (!firstJoins.contains(room.bare()) && archive.sessionStarted(nowMillis)) {
                queries.add(archive.start());
            }
        }
        firstJoins.clear();
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
        if (first) {
            firstJoins.add(room.bare());
        } else {
            firstJoins.remove(room.bare());
        }
        return first;
    }

    /** We left a room: its catch-up ends (what it holds is kept for a later rejoin). */
    public void left(Jid room) {
        ArchiveCatchUp archive = rooms.remove(room.bare());
        if (archive != null) {
            archive.abandon();
            archive.persist();
        }
    }

    /** A late join (after the room refused us at first): the query that fetches what we missed meanwhile, or null. */
    public Element catchUpRoom(Jid room, long nowMillis) {
        ArchiveCatchUp archive = room(room);
        if (archive.isRunning() || !archive.sessionStarted(nowMillis)) {
            return null;
        }
        return archive.start();
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

    /**
     * A live message (ours or a room's): remembers the archive id it carries and, while catch-ups run, holds back
     * {@code parsed} (its shown form, or null when there is nothing to show) so that what was missed comes first.
     * Returns false when it may be shown at once.
     */
    public boolean onLive(Element message, ChatMessage parsed) {
        ArchiveCatchUp archivedBy = own.sawLive(message) ? own : null;
        String from = message.attr("from");
        if (from != null) {
            ArchiveCatchUp room = rooms.get(Jid.parse(from).bare());
            if (room != null && room.sawLive(message)) {
                archivedBy = room;
            }
        }
        if (parsed == null || !isRunning()) {
            return false;
        }
        held.add(new Held(parsed, archivedBy));
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
    public Element onAnswer(Element iq, long nowMillis) {
        for (ArchiveCatchUp archive : all()) {
            if (archive.owns(iq.attr("id"))) {
                Element next = "result".equals(iq.attr("type")) ? archive.onFinished(iq) : null;
                if (next == null && noSuchArchive(iq)) {
                    archive.unsupported(nowMillis);
                } else if (next == null) {
                    archive.abandon();
                }
                return next;
            }
        }
        return null;
    }

    /** An error that says the archive does not exist here, as opposed to a failure worth retrying. */
    private static boolean noSuchArchive(Element iq) {
        Element error = iq.child("error", Namespaces.CLIENT);
        if (!"error".equals(iq.attr("type")) || error == null) {
            return false;
        }
        return error.child("feature-not-implemented", STANZAS) != null
                || error.child("service-unavailable", STANZAS) != null;
    }

    /**
     * Stops every catch-up (done, stalled, or the session ended) and returns the held live messages to show now.
     * When the session ended, a held message whose archive still has a gap before it is dropped instead: the next
     * catch-up fetches it, after the ones missing before it, so the conversation keeps its order.
     */
    public List<ChatMessage> finish(boolean sessionEnded) {
        for (ArchiveCatchUp archive : all()) {
            archive.abandon();
            archive.persist();
        }
        List<ChatMessage> released = new ArrayList<>();
        for (Held entry : held) {
            if (!(sessionEnded && entry.archivedBy != null && entry.archivedBy.hasGap())) {
                released.add(entry.message);
            }
        }
        held.clear();
        return released;
    }

    /**
     * Restarts the catch-ups that stopped before completing (an error answer, or a stall), at most {@code limit}
     * times per session: returns their queries (none when nothing is missing or the limit is reached).
     */
    public List<Element> retryUnfinished(int limit) {
        List<Element> queries = new ArrayList<>();
        if (retries >= limit) {
            return queries;
        }
        for (ArchiveCatchUp archive : all()) {
            if (archive.hasGap() && !archive.isRunning()) {
                queries.add(archive.start());
            }
        }
        if (!queries.isEmpty()) {
            retries++;
        }
        return queries;
    }

    /** After a resume: restarts what the last session left unfinished (a fresh retry budget), or nothing. */
    public List<Element> afterResume(int limit) {
        retries = 0;
        return retryUnfinished(limit);
    }

    /** Restarts so far in this session. */
    public int retries() {
        return retries;
    }

    /** Whether some archive still has messages a catch-up did not fetch (and none is running for it). */
    public boolean hasUnfinished() {
        for (ArchiveCatchUp archive : all()) {
            if (archive.hasGap() && !archive.isRunning()) {
                return true;
            }
        }
        return false;
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

    private static final class Held {
        final ChatMessage message;
        /** The archive that stored it (it carries that archive's id), or null. */
        final ArchiveCatchUp archivedBy;

        Held(ChatMessage message, ArchiveCatchUp archivedBy) {
            this.message = message;
            this.archivedBy = archivedBy;
        }
    }

    private List<ArchiveCatchUp> all() {
        List<ArchiveCatchUp> all = new ArrayList<>();
        all.add(own);
        all.addAll(rooms.values());
        return all;
    }
}
