package dev.jitterbug.im;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import dev.jitterbug.platform.KeyValueStore;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * After a new login (resumption impossible), fetches from the server's archive (XEP-0313) exactly what was missed:
 * everything after the last archive id this client saw — not the whole history, and not twice. Pages through with
 * RSM until the archive says it is complete. Before any id is known it asks for everything since the first session
 * started. Not thread-safe: used on the client's event thread.
 */
public final class ArchiveCatchUp {
    private static final String LAST_ID_KEY = "mam-last-id";
    private static final String SINCE_KEY = "mam-since";
    private static final String UNSUPPORTED_KEY = "mam-unsupported";
    /** After the server said it keeps no such archive, it is not asked again for this long. */
    static final long UNSUPPORTED_RECHECK_MILLIS = 24 * 3_600_000L;
    private static final String RSM = "http://jabber.org/protocol/rsm";
    private static final int PAGE = 100;

    private final KeyValueStore store;
    private final Jid self;
    private final Jid archive;
    private final String lastIdKey;
    private final String sinceKey;
    private final String unsupportedKey;
    private String lastId;
    /**
     * Whether messages may be missing between {@link #lastId} and now: from a new login until a catch-up completes.
     * While it is open, live messages do not move {@link #lastId}, so an interrupted catch-up resumes where it
     * stopped instead of skipping to the newest live message (which lost whole clusters of messages).
     */
    private boolean gap;
    private String queryId;
    private int pages;

    /** Catches up on our own archive (one-to-one chats). */
    public ArchiveCatchUp(KeyValueStore store, Jid self) {
        this(store, self, null);
    }

    /** Catches up on {@code archive}: a room's archive (XEP-0313 on a MUC, muc_mam), or null for our own. */
    public ArchiveCatchUp(KeyValueStore store, Jid self, Jid archive) {
        this.store = store;
        this.self = self.bare();
        this.archive = archive == null ? null : archive.bare();
        String suffix = archive == null ? "" : "-" + this.archive;
        this.lastIdKey = LAST_ID_KEY + suffix;
        this.sinceKey = SINCE_KEY + suffix;
        this.unsupportedKey = UNSUPPORTED_KEY + suffix;
        this.lastId = store.get(lastIdKey);
    }

    /** The archive's owner: our bare JID, or the room. */
    public Jid archiveJid() {
        return archive == null ? self : archive;
    }

    /** Whether an iq answer belongs to this catch-up's running query. */
    public boolean owns(String iqId) {
        return queryId != null && ("mam-" + queryId).equals(iqId);
    }

    /** Whether an archived result belongs to this catch-up's running query. */
    public boolean owns(Element message) {
        Element result = message.child("result", MessageStanzas.MAM);
        return result != null && queryId != null && queryId.equals(result.attr("queryid"));
    }

    /**
     * A new session started. Returns whether there is anything to catch up on: the very first session of this
     * client missed nothing, so it only remembers when it began (a later catch-up before any archived message was
     * seen starts there).
     */
    public boolean sessionStarted(long nowMillis) {
        String unsupportedSince = store.get(unsupportedKey);
        if (unsupportedSince != null && nowMillis - parseMillis(unsupportedSince) < UNSUPPORTED_RECHECK_MILLIS) {
            gap = false;
            return false; // the server keeps no such archive: asking after every login only costs it work
        }
        if (lastId == null && store.get(sinceKey) == null) {
            store.put(sinceKey, Instant.ofEpochMilli(nowMillis - 5_000).toString());
            return false;
        }
        gap = true;
        return true;
    }

    /**
     * A live message: when it carries this archive's id for it, returns true, and catch-up starts after it next
     * time — unless a gap before it is still open, in which case the next catch-up will fetch it anyway.
     */
    public boolean sawLive(Element message) {
        boolean archived = false;
        for (Element child : message.children()) {
            if (child.is("stanza-id", MessageStanzas.SID) && archiveJid().toString().equals(child.attr("by"))) {
                archived = true;
                if (!gap) {
                    lastId = child.attr("id");
                }
            }
        }
        return archived;
    }

    /** Whether messages may be missing that a catch-up has not fetched yet (it failed, stalled or is running). */
    public boolean hasGap() {
        return gap;
    }

    /** Writes the last seen id (on session loss and after a catch-up; not per message, to spare the disk). */
    public void persist() {
        if (lastId != null) {
            store.put(lastIdKey, lastId);
        }
    }

    /** Whether this archive has a starting point (an id, or the time of the first session). */
    public boolean hasHistory() {
        return lastId != null || store.get(sinceKey) != null;
    }

    /** Whether a catch-up is running. */
    public boolean isRunning() {
        return queryId != null;
    }

    /** Pages the last catch-up took. */
    public int pages() {
        return pages;
    }

    /** Starts a catch-up; returns the first query to send. */
    public Element start() {
        pages = 0;
        return nextQuery(lastId);
    }

    /**
     * Reads an archived result addressed to our running query; returns the message (or null when it is not ours or
     * carries no body). The caller drops duplicates and reconciles its outbox.
     */
    public ChatMessage onResult(Element message, long nowMillis) {
        Element result = message.child("result", MessageStanzas.MAM);
        if (result == null || queryId == null || !queryId.equals(result.attr("queryid"))) {
            return null;
        }
        String from = message.attr("from");
        if (from != null ? !Jid.parse(from).bare().equals(archiveJid()) : archive != null) {
            return null; // only the archive we asked may inject history
        }
        lastId = result.attr("id");
        return MessageStanzas.parseArchived(result, self, nowMillis);
    }

    /** Whether a stanza is an archived result (ours or not), so it is not treated as a live message. */
    public static boolean isArchiveResult(Element message) {
        return message.child("result", MessageStanzas.MAM) != null;
    }

    /**
     * The query's final answer arrived: returns the next page's query, or null when the catch-up is complete.
     */
    public Element onFinished(Element iqResult) {
        pages++;
        Element fin = iqResult.child("fin", MessageStanzas.MAM);
        boolean complete = fin == null || "true".equals(fin.attr("complete")) || pages >= 50;
        String last = null;
        if (fin != null && fin.child("set", RSM) != null) {
            last = fin.child("set", RSM).childText("last", RSM);
        }
        if (last != null) {
            lastId = last;
        }
        if (complete || last == null) {
            queryId = null;
            gap = false; // after 50 pages the older rest is skipped on purpose: a backlog that big is not chat
            persist();
            return null;
        }
        return nextQuery(last);
    }

    /** The archive did not answer usefully (error or timeout): stop, keep what we have; the gap stays open. */
    public void abandon() {
        queryId = null;
    }

    /**
     * The server keeps no such archive (it answered feature-not-implemented or service-unavailable): nothing can be
     * fetched, so nothing is missing from here; it is not asked again for a day.
     */
    public void unsupported(long nowMillis) {
        queryId = null;
        gap = false;
        store.put(unsupportedKey, Long.toString(nowMillis));
    }

    private static long parseMillis(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Element nextQuery(String after) {
        queryId = UUID.randomUUID().toString();
        Element.Builder form = Element.builder("x", "jabber:x:data").attr("type", "submit")
                .child(Element.builder("field", "jabber:x:data").attr("var", "FORM_TYPE").attr("type", "hidden")
                        .textChild("value", MessageStanzas.MAM));
        String since = store.get(sinceKey);
        if (after == null && since != null) {
            form.child(Element.builder("field", "jabber:x:data").attr("var", "start").textChild("value", since));
        }
        Element.Builder set = Element.builder("set", RSM).textChild("max", Integer.toString(PAGE));
        if (after != null) {
            set.textChild("after", after);
        }
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", "mam-" + queryId)
                .attr("to", archive == null ? null : archive.toString())
                .child(Element.builder("query", MessageStanzas.MAM).attr("queryid", queryId).child(form).child(set))
                .build();
    }
}
