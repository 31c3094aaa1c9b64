package dev.jitterbug;

import dev.jitterbug.im.Bookmarks;
import dev.jitterbug.im.CatchUps;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rooms (XEP-0045) one client is in: joins, leaves and bookmarks them (XEP-0402), rejoins them after a new
 * login, takes a room it re-created as an instant room, retries a join the room refused, and starts the archive
 * catch-up for what a room said while we were out. Not thread-safe: used on the client's event thread.
 */
final class Rooms {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Rooms.class);
    private static final String MUC = "http://jabber.org/protocol/muc";
    private static final String MUC_USER = MUC + "#user";
    private static final int JOIN_TRIES = 6;

    /** What the rooms need from the client's current session. */
    interface Link {
        /** Whether a session is up to send on. */
        boolean isOnline();

        void send(Element stanza);

        /** Sends an archive catch-up query and watches it. */
        void catchUp(Element query);

        /** We are back in a room that kept us out: what waited for it may go. */
        void inAgain(Jid room);

        /** We could not get back into a room; what waits for it cannot be delivered. */
        void unreachable(Jid room, String reason);

        /** A room joined without being asked (a bookmark from another device). */
        void joinedOnOurOwn(Jid room, String nick);
    }

    private final Jid self;
    private final CatchUps catchUps;
    private final Scheduler scheduler;
    private final Link link;
    private final Map<Jid, String> nicks = new LinkedHashMap<>();
    private final Map<Jid, Integer> refusals = new HashMap<>();

    Rooms(Jid self, CatchUps catchUps, Scheduler scheduler, Link link) {
        this.self = self.bare();
        this.catchUps = catchUps;
        this.scheduler = scheduler;
        this.link = link;
    }

    /** The rooms we are in (or will be once online). */
    Set<Jid> joined() {
        return Collections.unmodifiableSet(nicks.keySet());
    }

    /** Our nick in a room, or null when we are not in it. */
    String nickIn(Jid room) {
        return nicks.get(room.bare());
    }

    /** Whether a room occupant's address is us. */
    boolean isUs(Jid occupant) {
        return occupant.resource() != null && occupant.resource().equals(nicks.get(occupant.bare()));
    }

    /** Whether we are trying to get (back) into a room that refused us: messages for it must wait. */
    boolean rejoining(Jid room) {
        return refusals.containsKey(room.bare());
    }

    /**
     * The room refused a message of ours, so we are not in it (any more) — it may have been re-created after a
     * server restart before our join went through. Join again now, unless that is already under way.
     */
    void messageRefused(Jid room) {
        Jid bare = room.bare();
        String nick = nicks.get(bare);
        if (nick == null || refusals.containsKey(bare) || !link.isOnline()) {
            return;
        }
        refusals.put(bare, 0);
        link.send(joinPresence(bare, nick, false));
    }

    /** Joins now if online (and bookmarks the room), else at the next login. */
    void join(Jid room, String nick) {
        nicks.put(room.bare(), nick);
        if (link.isOnline()) {
            boolean firstJoin = catchUps.joining(room, scheduler.currentTimeMillis());
            link.send(joinPresence(room.bare(), nick, firstJoin));
            link.send(Bookmarks.save("bookmark-" + UUID.randomUUID(), room, nick));
            Element query = firstJoin ? null : catchUps.catchUpRoom(room, scheduler.currentTimeMillis());
            if (query != null) {
                link.catchUp(query); // what it said since we left
            }
        }
    }

    void leave(Jid room) {
        String nick = nicks.remove(room.bare());
        catchUps.left(room);
        if (link.isOnline()) {
            link.send(Bookmarks.remove("bookmark-" + UUID.randomUUID(), room));
            if (nick != null) {
                link.send(Element.builder("presence", Namespaces.CLIENT)
                        .attr("to", room.bare().withResource(nick).toString()).attr("type", "unavailable").build());
            }
        }
    }

    /** A new login: the server forgot our occupancy, so join every room again (the catch-up follows). */
    void rejoinAll() {
        refusals.clear();
        nicks.forEach((room, nick) -> link.send(joinPresence(room, nick,
                catchUps.joining(room, scheduler.currentTimeMillis()))));
    }

    /** XEP-0402: rooms bookmarked with autojoin (on any device) are joined at login; known ones are left alone. */
    void autojoin(Element bookmarksResult) {
        Bookmarks.autojoin(bookmarksResult).forEach((room, nick) -> {
            if (!nicks.containsKey(room)) {
                String chosen = nick != null ? nick : self.local();
                nicks.put(room, chosen);
                link.send(joinPresence(room, chosen, catchUps.joining(room, scheduler.currentTimeMillis())));
                link.joinedOnOurOwn(room, chosen);
            }
        });
    }

    /** A presence from a room: a room we created, our join accepted after a refusal, or a refusal. */
    void onPresence(Element presence) {
        acceptNewRoom(presence);
        retryRefusedJoin(presence);
    }

    /**
     * XEP-0045 §10.1.2: a room we just created stays locked until its owner configures it; we take the server's
     * defaults (an "instant room") so that others can join at once.
     */
    private void acceptNewRoom(Element presence) {
        Element x = presence.child("x", MUC_USER);
        if (x == null || presence.attr("from") == null) {
            return;
        }
        Jid room = Jid.parse(presence.attr("from")).bare();
        for (Element status : x.children()) {
            if ("status".equals(status.name()) && "201".equals(status.attr("code"))) {
                link.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set")
                        .attr("to", room.toString())
                        .attr("id", "instant-" + UUID.randomUUID())
                        .child(Element.builder("query", MUC + "#owner")
                                .child(Element.builder("x", "jabber:x:data").attr("type", "submit")))
                        .build());
            }
            if ("status".equals(status.name()) && "110".equals(status.attr("code"))
                    && refusals.remove(room) != null) {
                // In at last: fetch what the room said while it kept us out.
                Element query = catchUps.catchUpRoom(room, scheduler.currentTimeMillis());
                if (query != null) {
                    link.catchUp(query);
                }
                link.inAgain(room);
            }
        }
    }

    /**
     * A room refused our join (it may be locked while another occupant re-creates it after a server restart):
     * try again after 1, 2, 4 … s, a few times, rather than silently missing the room's messages.
     */
    private void retryRefusedJoin(Element presence) {
        String from = presence.attr("from");
        if (!"error".equals(presence.attr("type")) || from == null) {
            return;
        }
        Jid room = Jid.parse(from).bare();
        String nick = nicks.get(room);
        if (nick == null) {
            return;
        }
        int tries = refusals.merge(room, 1, Integer::sum);
        if (tries > JOIN_TRIES) {
            LOG.warn("{} could not join {} after {} tries: {}", self, room, tries - 1, presence);
            refusals.remove(room); // a message written later tries again (and may start another round)
            link.unreachable(room, "Jitterbug could not get into " + room + " (" + tries + " tries); the room said: "
                    + MessageStanzas.errorCondition(presence) + ".");
            return;
        }
        scheduler.schedule(() -> {
            if (link.isOnline() && nick.equals(nicks.get(room))) {
                link.send(joinPresence(room, nick, false));
            }
        }, 1000L << (tries - 1));
    }

    /** A first join asks the room for recent history; a rejoin asks for none (the archive catch-up fills in). */
    private static Element joinPresence(Jid room, String nick, boolean firstJoin) {
        return Element.builder("presence", Namespaces.CLIENT).attr("to", room.withResource(nick).toString())
                .child(Element.builder("x", MUC)
                        .child(Element.builder("history", MUC).attr("maxstanzas", firstJoin ? "50" : "0")))
                .build();
    }
}
