package dev.jitterbug.internal.client;

import dev.jitterbug.Jid;
import dev.jitterbug.im.Bookmarks;
import dev.jitterbug.im.CatchUps;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.Retries;
import dev.jitterbug.reconnect.RetryCause;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.reconnect.RetryPolicy;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rooms (XEP-0045) one client is in: joins, leaves and bookmarks them (XEP-0402), rejoins them after a new
 * login, takes a room it re-created as an instant room, rejoins a room whose service shut down and retries a join the
 * room refused — each after a wait the {@link RetryPlanner} draws, so a room's occupants do not come back in step —
 * and starts the archive catch-up for what a room said while we were out. Not thread-safe: used on the client's
 * event thread.
 */
final class Rooms implements StanzaHandler {
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
    private final RetryPlanner planner;
    private final Map<Jid, String> nicks = new LinkedHashMap<>();
    /** Rooms we are getting (back) into after a refusal or a shutdown, with their burst of waits. */
    private final Map<Jid, Retries> rejoining = new HashMap<>();
    private final IqIds bookmarkFetches = new IqIds("bookmarks-get");
    private final IqIds bookmarkChanges = new IqIds("bookmark");
    /** Bookmark saves sent with all publish options, by id: refused, they are sent once more with the basic ones. */
    private final Map<String, Jid> savesWithAllOptions = new HashMap<>();
    private final IqIds instantRooms = new IqIds("instant");
    private final IqIds bookmarkNodeConfigs = new IqIds("bookmarks-config");

    Rooms(Jid self, CatchUps catchUps, Scheduler scheduler, RetryPlanner planner, Link link) {
        this.self = self.bare();
        this.catchUps = catchUps;
        this.scheduler = scheduler;
        this.planner = planner;
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
        return rejoining.containsKey(room.bare());
    }

    /**
     * The room refused a message of ours, so we are not in it (any more) — it may have been re-created after a
     * server restart before our join went through. Join again now, unless that is already under way.
     */
    void messageRefused(Jid room) {
        Jid bare = room.bare();
        String nick = nicks.get(bare);
        if (nick == null || rejoining.containsKey(bare) || !link.isOnline()) {
            return;
        }
        rejoining.put(bare, new Retries(RetryPolicy.ROOM_REJOIN, planner));
        link.send(joinPresence(bare, nick, false));
    }

    /** Joins now if online (and bookmarks the room), else at the next login. */
    void join(Jid room, String nick) {
        nicks.put(room.bare(), nick);
        if (link.isOnline()) {
            boolean firstJoin = catchUps.joining(room, scheduler.currentTimeMillis());
            link.send(joinPresence(room.bare(), nick, firstJoin));
            String saveId = bookmarkChanges.mint();
            savesWithAllOptions.put(saveId, room.bare());
            link.send(Bookmarks.save(saveId, room, nick));
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
            link.send(Bookmarks.remove(bookmarkChanges.mint(), room));
            if (nick != null) {
                link.send(Element.builder("presence", Namespaces.CLIENT)
                        .attr("to", room.bare().withResource(nick).toString()).attr("type", "unavailable").build());
            }
        }
    }

    /**
     * A new login: the server forgot our occupancy, so join every room again (the catch-up follows), and read the
     * bookmarks other devices may have added.
     */
    void newSession() {
        rejoining.clear();
        bookmarkFetches.clear();
        bookmarkChanges.clear();
        savesWithAllOptions.clear();
        bookmarkNodeConfigs.clear();
        nicks.forEach((room, nick) -> link.send(joinPresence(room, nick,
                catchUps.joining(room, scheduler.currentTimeMillis()))));
        link.send(Bookmarks.fetch(bookmarkFetches.mint()));
    }

    @Override
    public boolean handle(Element stanza) {
        if (stanza.is("presence", Namespaces.CLIENT)) {
            onPresence(stanza);
            return true;
        }
        if (!stanza.is("iq", Namespaces.CLIENT)) {
            return false;
        }
        if (bookmarkFetches.answers(stanza.attr("id"))) {
            if ("result".equals(stanza.attr("type"))) {
                autojoin(stanza);
            }
            return true;
        }
        if (bookmarkChanges.answers(stanza.attr("id"))) {
            Jid refused = "error".equals(stanza.attr("type")) ? savesWithAllOptions.remove(stanza.attr("id")) : null;
            savesWithAllOptions.remove(stanza.attr("id"));
            if (refused != null && nicks.containsKey(refused)) {
                link.send(Bookmarks.saveWithBasicOptions(bookmarkChanges.mint(), refused, nicks.get(refused)));
                link.send(Bookmarks.keepManyItems(bookmarkNodeConfigs.mint()));
            }
            return true;
        }
        return instantRooms.answers(stanza.attr("id")) || bookmarkNodeConfigs.answers(stanza.attr("id"));
    }

    /** XEP-0402: rooms bookmarked with autojoin (on any device) are joined at login; known ones are left alone. */
    private void autojoin(Element bookmarksResult) {
        Bookmarks.autojoin(bookmarksResult).forEach((room, nick) -> {
            if (!nicks.containsKey(room)) {
                String chosen = nick != null ? nick : self.local();
                nicks.put(room, chosen);
                link.send(joinPresence(room, chosen, catchUps.joining(room, scheduler.currentTimeMillis())));
                link.joinedOnOurOwn(room, chosen);
            }
        });
    }

    /** A presence from a room: a room we created, our join accepted, a refusal, or the room service going down. */
    private void onPresence(Element presence) {
        acceptNewRoom(presence);
        retryRefusedJoin(presence);
        rejoinAfterShutdown(presence);
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
                        .attr("id", instantRooms.mint())
                        .child(Element.builder("query", MUC + "#owner")
                                .child(Element.builder("x", "jabber:x:data").attr("type", "submit")))
                        .build());
            }
            if ("status".equals(status.name()) && "110".equals(status.attr("code"))
                    && !"unavailable".equals(presence.attr("type")) && rejoining.remove(room) != null) {
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
     * A room refused our join (it may be locked while another occupant re-creates it after a server restart): try
     * again after a wait the planner draws (the room's other occupants were refused at the same moment), a few times,
     * rather than silently missing the room's messages.
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
        Retries retries = rejoining.computeIfAbsent(room, r -> new Retries(RetryPolicy.ROOM_REJOIN, planner));
        if (retries.count() >= JOIN_TRIES) {
            LOG.warn("{} could not join {} after {} tries: {}", self, room, retries.count(), presence);
            rejoining.remove(room); // a message written later tries again (and may start another round)
            link.unreachable(room, "Jitterbug could not get into " + room + " (" + (retries.count() + 1)
                    + " tries); the room said: " + MessageStanzas.errorCondition(presence) + ".");
            return;
        }
        rejoinLater(room, nick, retries);
    }

    /**
     * XEP-0045 status 332: the room service is shutting down and removed us (and every other occupant, at the same
     * moment). Join again once it is back: after a wait drawn over the spread window, so the room's occupants
     * return spread out, not in one wave.
     */
    private void rejoinAfterShutdown(Element presence) {
        Element x = presence.child("x", MUC_USER);
        String from = presence.attr("from");
        if (!"unavailable".equals(presence.attr("type")) || x == null || from == null
                || !hasStatus(x, "110") || !hasStatus(x, "332")) {
            return;
        }
        Jid room = Jid.parse(from).bare();
        String nick = nicks.get(room);
        if (nick != null && !rejoining.containsKey(room)) {
            Retries retries = new Retries(RetryPolicy.ROOM_REJOIN, planner);
            rejoining.put(room, retries);
            rejoinLater(room, nick, retries);
        }
    }

    private void rejoinLater(Jid room, String nick, Retries retries) {
        long delay = retries.next(RetryCause.SERVER_FAILURE).millis();
        LOG.debug("{} rejoins {} in {} ms", self, room, delay);
        scheduler.schedule(() -> {
            if (link.isOnline() && nick.equals(nicks.get(room)) && rejoining.get(room) == retries) {
                link.send(joinPresence(room, nick, false));
            }
        }, delay);
    }

    private static boolean hasStatus(Element x, String code) {
        for (Element status : x.children()) {
            if ("status".equals(status.name()) && code.equals(status.attr("code"))) {
                return true;
            }
        }
        return false;
    }

    /** A first join asks the room for recent history; a rejoin asks for none (the archive catch-up fills in). */
    private static Element joinPresence(Jid room, String nick, boolean firstJoin) {
        return Element.builder("presence", Namespaces.CLIENT).attr("to", room.withResource(nick).toString())
                .child(Element.builder("x", MUC)
                        .child(Element.builder("history", MUC).attr("maxstanzas", firstJoin ? "50" : "0")))
                .build();
    }
}
