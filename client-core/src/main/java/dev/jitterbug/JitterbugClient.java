package dev.jitterbug;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigService;
import dev.jitterbug.im.ArchiveCatchUp;
import dev.jitterbug.im.Bookmarks;
import dev.jitterbug.im.CatchUps;
import dev.jitterbug.im.DuplicateFilter;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.im.Outbox;
import dev.jitterbug.im.Roster;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.Reconnector;
import dev.jitterbug.reconnect.SessionConnector;
import dev.jitterbug.reconnect.SplitMixRandomSource;
import dev.jitterbug.session.Established;
import dev.jitterbug.session.FeatureHints;
import dev.jitterbug.session.LiveSessionConnector;
import dev.jitterbug.session.LoginRequest;
import dev.jitterbug.session.NegotiationException;
import dev.jitterbug.session.SessionNegotiator;
import dev.jitterbug.session.StreamManagement;
import dev.jitterbug.session.XmppSession;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportKind;
import dev.jitterbug.transport.bosh.BoshTransport;
import dev.jitterbug.transport.discovery.DiscoveryException;
import dev.jitterbug.transport.discovery.EndpointSelector;
import dev.jitterbug.transport.discovery.HttpHostMetaFetcher;
import dev.jitterbug.transport.websocket.WebSocketTransport;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The entry point a UI (desktop or Android) uses: connect, send, join rooms, and listen.
 *
 * <p>Each client has one event thread; every listener call arrives on it, in order. Methods may be called from any
 * thread and never block on the network.
 */
public final class JitterbugClient implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JitterbugClient.class);
    private static final String HINTS_KEY = "feature-hints";
    private static final String DEVICE_KEY = "device-id";
    /** A catch-up that gets no answer for this long is stalled: held messages are shown, it is retried later. */
    private static final long CATCH_UP_STALL_MILLIS = 15_000;
    /** Restarts of an unfinished catch-up per session (after 2, 4, 8, 16, 32 s), so a broken archive cannot loop. */
    private static final int CATCH_UP_RETRIES = 5;
    private static final String SASL2_BROKEN_KEY = "sasl2-unanswered-";
    private static final String RESUME_BROKEN_KEY = "resume-unanswered-";

    private final ClientOptions options;
    private final ExecutorScheduler scheduler;
    private final ThreadPoolExecutor worker;
    private final OkHttpClient http;
    private final StreamManagement sm = new StreamManagement();
    private final Outbox outbox;
    private final DuplicateFilter duplicates = new DuplicateFilter(20_000);
    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Jid, String> rooms = new LinkedHashMap<>();
    private final Map<Jid, Integer> joinRetries = new java.util.HashMap<>();
    private final CatchUps catchUps;
    private final Roster roster;
    private volatile List<Contact> contacts;
    private volatile SessionCost lastCost;
    private Scheduler.Cancellable catchUpDeadline;
    private final SessionConnector connector;
    private final Reconnector reconnector;
    private final String deviceId;
    private final EndpointSelector endpoints;

    private XmppSession session;
    private volatile ConnectionState state = ConnectionState.OFFLINE;
    private volatile Established lastEstablished;
    private volatile Endpoint endpoint;
    private volatile Jid boundJid;

    private JitterbugClient(ClientOptions options) {
        this.options = options;
        this.scheduler = new ExecutorScheduler("jitterbug-" + options.jid());
        this.worker = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "jitterbug-login-" + options.jid());
            thread.setDaemon(true);
            return thread;
        });
        this.http = options.sharedResources() != null ? options.sharedResources().http() : ownHttpClient();
        this.outbox = new Outbox(options.store());
        this.catchUps = new CatchUps(options.store(), options.jid());
        this.roster = new Roster(options.store());
        this.contacts = roster.contacts();
        String storedDevice = options.store().get(DEVICE_KEY);
        this.deviceId = storedDevice != null ? storedDevice : UUID.randomUUID().toString();
        options.store().put(DEVICE_KEY, deviceId);
        this.endpoints = new EndpointSelector(options.endpoint(), options.transport(), hostMeta(options, http),
                scheduler);
        this.connector = new LiveSessionConnector(worker, new Attempts());
        this.reconnector = new Reconnector(scheduler, this::retryConfig, connector,
                SplitMixRandomSource.fromEntropy(), this::emit);
    }

    private static HttpHostMetaFetcher hostMeta(ClientOptions options, OkHttpClient http) {
        String domain = options.jid().domain();
        return options.testOnlyDiscoveryBase() == null ? HttpHostMetaFetcher.forDomain(http, domain)
                : HttpHostMetaFetcher.fromLoopbackBaseForTestsOnly(http, options.testOnlyDiscoveryBase(), domain);
    }

    private static OkHttpClient ownHttpClient() {
        Dispatcher dispatcher = new Dispatcher();
        // Long-polling BOSH holds up to two requests, WebSockets hold a slot for their lifetime, and the config
        // fetch must still get through: give each host room.
        dispatcher.setMaxRequestsPerHost(16);
        return new OkHttpClient.Builder().dispatcher(dispatcher).connectTimeout(10, TimeUnit.SECONDS).build();
    }

    public static JitterbugClient create(ClientOptions options) {
        return new JitterbugClient(options);
    }

    public void addListener(ClientListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ClientListener listener) {
        listeners.remove(listener);
    }

    public Jid jid() {
        return options.jid();
    }

    /** The full JID of the current or last session, or null before the first. */
    public Jid boundJid() {
        return boundJid;
    }

    public ConnectionState state() {
        return state;
    }

    /** The endpoint of the current or last attempt, with why it was chosen; null before the first. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The contact list as last known (persisted; current after each login). */
    public List<Contact> contacts() {
        return contacts;
    }

    /** What acquiring the current (or last) session cost; null before the first is ready. */
    public SessionCost lastSessionCost() {
        return lastCost;
    }

    /** Adds or renames a contact (the server pushes the change back to every session). */
    public void addContact(Jid contact, String name) {
        scheduler.execute(() -> {
            if (isOnline()) {
                session.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set")
                        .attr("id", "roster-set-" + UUID.randomUUID())
                        .child(Element.builder("query", Roster.NS).child(Element.builder("item", Roster.NS)
                                .attr("jid", contact.bare().toString()).attr("name", name)))
                        .build());
            }
        });
    }

    /** Round trips and mechanism of the last established session; null before the first. */
    public Established lastSession() {
        return lastEstablished;
    }

    /** Starts connecting (and keeps the connection up). Returns at once; watch the connection events. */
    public void connect() {
        reconnector.start();
    }

    /** Skips the current reconnect wait once ("Retry now"); the attempt goes through the usual path. */
    public void retryNow() {
        reconnector.retryNow();
    }

    /** The OS reports the network is back: a long wait shrinks to the quick-retry window. */
    public void networkAvailable() {
        reconnector.networkAvailable();
    }

    /** The retry config in force for this account (read before every reconnect wait, so changes apply live). */
    public RetryConfig retryConfig() {
        return options.retryConfigSource().get();
    }

    /**
     * Drops the connection without telling the server, as a network failure would (the session stays resumable).
     * For tests and fault drills.
     */
    public void dropConnection() {
        scheduler.execute(() -> {
            if (session != null) {
                session.drop(Failure.of(Failure.Kind.CONNECTION_LOST, "The connection was dropped."));
            }
        });
    }

    /** Signs out: ends the session in an orderly way. Queued messages stay in the outbox. */
    public void disconnect() {
        reconnector.stop();
        scheduler.execute(() -> {
            if (session != null) {
                session.close();
                session = null;
            }
            sm.forgetStream();
        });
    }

    /** Sends a one-to-one message; it is queued while offline and sent once, in order, when back. */
    public OutgoingMessage sendMessage(Jid to, String body) {
        return enqueue(to.bare(), body, ChatMessage.Kind.CHAT);
    }

    /** Sends a message to a room. */
    public OutgoingMessage sendRoomMessage(Jid room, String body) {
        return enqueue(room.bare(), body, ChatMessage.Kind.GROUPCHAT);
    }

    /** Joins a room (XEP-0045) now or as soon as connected, and again after every new login. */
    public void joinRoom(Jid room, String nick) {
        scheduler.execute(() -> {
            rooms.put(room.bare(), nick);
            if (isOnline()) {
                boolean firstJoin = catchUps.joining(room, scheduler.currentTimeMillis());
                session.send(joinPresence(room.bare(), nick, firstJoin));
                session.send(Bookmarks.save("bookmark-" + UUID.randomUUID(), room, nick));
                Element query = firstJoin ? null : catchUps.catchUpRoom(room, scheduler.currentTimeMillis());
                if (query != null) {
                    sendCatchUpQueries(java.util.Collections.singletonList(query)); // what it said since we left
                }
            }
        });
    }

    /** Leaves a room. */
    public void leaveRoom(Jid room) {
        scheduler.execute(() -> {
            String nick = rooms.remove(room.bare());
            catchUps.left(room);
            if (isOnline()) {
                session.send(Bookmarks.remove("bookmark-" + UUID.randomUUID(), room));
            }
            if (nick != null && isOnline()) {
                session.send(Element.builder("presence", Namespaces.CLIENT)
                        .attr("to", room.bare().withResource(nick).toString()).attr("type", "unavailable").build());
            }
        });
    }

    /** Messages not yet confirmed by the server, oldest first (a snapshot). */
    public List<OutgoingMessage> pendingMessages() {
        return outbox.pending();
    }

    @Override
    public void close() {
        disconnect();
        scheduler.execute(scheduler::close);
        worker.shutdown();
        if (options.sharedResources() == null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    // ---- internals, all on the event thread unless noted ----

    private boolean isOnline() {
        return session != null && !session.isEnded() && state.isOnline();
    }

    /** New messages wait while a catch-up decides which old ones the server already has, so order is kept. */
    private boolean canTransmit() {
        return isOnline() && !catchUps.isRunning();
    }

    private OutgoingMessage enqueue(Jid to, String body, ChatMessage.Kind kind) {
        String originId = UUID.randomUUID().toString();
        ChatMessage message = new ChatMessage(originId, originId, null, options.jid(), to, body, kind,
                System.currentTimeMillis(), true, false);
        OutgoingMessage queued = new OutgoingMessage(message, DeliveryState.QUEUED, null);
        scheduler.execute(() -> {
            // Our own copy coming back (room reflection, archive catch-up) is not a new message.
            duplicates.firstTime(message.conversation().toString(), originId);
            outbox.add(queued);
            notifyDelivery(queued);
            if (canTransmit()) {
                transmit(queued);
            }
        });
        return queued;
    }

    private void transmit(OutgoingMessage message) {
        session.send(MessageStanzas.build(message.message()));
        OutgoingMessage sent = outbox.update(message.originId(), DeliveryState.SENT, null);
        if (sent != null) {
            notifyDelivery(sent);
        }
    }

    /** Installs the negotiated session; returns why it failed at once (an impossible resume counter), or null. */
    private Failure onEstablished(SessionNegotiator.Result result) {
        Established established = result.established();
        lastEstablished = established;
        options.store().put(HINTS_KEY, established.hints().encode());
        if (established.boundJid() != null) {
            boundJid = Jid.parse(established.boundJid());
        }
        XmppSession live = new XmppSession(scheduler, established.transport(), sm, new SessionHandler(),
                retryConfig().pingIntervalMillis(), retryConfig().deadLinkTimeoutMillis());
        session = live;
        result.handOff(live);
        live.start();
        if (established.resumed()) {
            sm.resumed();
            live.acknowledgeResumed(established.resumedAckedCount());
            if (live.isEnded()) {
                // An impossible counter: this stream cannot be trusted; the next attempt logs in afresh (and the
                // outbox, not the stream, re-sends what is unconfirmed) instead of looping on the same resume.
                sm.forgetStream();
                return live.endedWith();
            }
            // Other stanzas go again from the stream's own queue; messages go again from the outbox below, in the
            // order they were written (the queue holds only the last connection's share of them).
            for (Element stanza : sm.drainUnacked()) {
                if (MessageStanzas.originIdOf(stanza) == null) {
                    live.send(stanza);
                }
            }
        } else {
            // A new session: what the old stream did not confirm is re-sent from the outbox below (messages carry
            // origin-ids, so receivers drop a copy they already have); other stanzas are rebuilt.
            sm.drainUnacked();
            live.send(Element.builder("presence", Namespaces.CLIENT).build());
            live.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", "carbons")
                    .child(Element.builder("enable", MessageStanzas.CARBONS)).build());
            rooms.forEach((room, nick) -> live.send(joinPresence(room, nick,
                    catchUps.joining(room, scheduler.currentTimeMillis()))));
            live.send(roster.request("roster-get-" + UUID.randomUUID()));
            live.send(Bookmarks.fetch("bookmarks-get-" + UUID.randomUUID()));
        }
        state = established.resumed() ? ConnectionState.RESUMED : ConnectionState.CONNECTED;
        // A new session first learns from the archives what it missed — and which of our unconfirmed messages the
        // server did store before the old connection died — then sends the rest of the outbox, in order. A resumed
        // one only finishes a catch-up the last session could not.
        List<Element> queries = established.resumed() ? catchUps.afterResume(CATCH_UP_RETRIES)
                : catchUps.begin(scheduler.currentTimeMillis(), rooms.keySet());
        if (queries.isEmpty()) {
            flushOutbox();
            recordCost();
        } else {
            sendCatchUpQueries(queries);
        }
        return null;
    }

    private void sendCatchUpQueries(List<Element> queries) {
        queries.forEach(session::send);
        watchCatchUp();
    }

    /** (Re)starts the stall watch: it runs from the last sign of progress, so a long but moving catch-up is fine. */
    private void watchCatchUp() {
        if (catchUpDeadline != null) {
            catchUpDeadline.cancel();
        }
        catchUpDeadline = scheduler.schedule(() -> {
            catchUpDeadline = null;
            if (catchUps.isRunning()) {
                LOG.info("{}: archive catch-up stalled; showing held messages, retrying later", options.jid());
                catchUpDone();
            }
        }, CATCH_UP_STALL_MILLIS);
    }

    private void recordCost() {
        Established established = lastEstablished;
        if (established == null) {
            return;
        }
        dev.jitterbug.transport.TrafficCounter traffic = established.transport().traffic();
        lastCost = new SessionCost(established.resumed(), established.roundTrips(), traffic.bytesSent(),
                traffic.bytesReceived(), traffic.elementsSent(), traffic.elementsReceived(),
                established.resumed() ? 0 : catchUps.fetched(), established.resumed() ? 0 : roster.lastFetchItems());
    }

    /**
     * Sends every unconfirmed message, in the order written. Messages the server may already have are sent again on
     * purpose: their origin-id lets receivers drop the copy, while trusting a stream queue to hold them lost
     * messages (a new login empties it) and reordered them (it holds only the last connection's share).
     */
    private void flushOutbox() {
        if (!isOnline()) {
            return;
        }
        for (OutgoingMessage pending : outbox.pending()) {
            if (pending.state() != DeliveryState.FAILED) {
                transmit(pending);
            }
        }
    }

    private void onArchived(ChatMessage message) {
        boolean mine = message.outgoing() || (message.kind() == ChatMessage.Kind.GROUPCHAT
                && message.from().resource() != null && message.from().resource().equals(rooms.get(message.from().bare())));
        if (mine && message.originId() != null) {
            OutgoingMessage stored = outbox.update(message.originId(), DeliveryState.ACKED, null);
            if (stored != null) {
                notifyDelivery(stored);
            }
        }
        deliver(message);
    }

    private void onArchiveAnswer(Element iq) {
        Element next = catchUps.onAnswer(iq);
        if (next != null) {
            session.send(next);
            watchCatchUp();
            return;
        }
        if (!catchUps.isRunning()) {
            if (catchUpDeadline != null) {
                catchUpDeadline.cancel();
                catchUpDeadline = null;
            }
            catchUpDone();
        }
    }

    private void catchUpDone() {
        catchUps.finish(false).forEach(this::deliver);
        recordCost();
        flushOutbox();
        if (catchUps.hasUnfinished()) {
            retryCatchUpLater(session);
        }
    }

    /** An archive answered with an error or stalled: ask again later (while this session lasts), a bounded number of times. */
    private void retryCatchUpLater(XmppSession current) {
        long delay = 2_000L << Math.min(catchUps.retries(), CATCH_UP_RETRIES);
        scheduler.schedule(() -> {
            if (session == current && isOnline() && !catchUps.isRunning()) {
                List<Element> queries = catchUps.retryUnfinished(CATCH_UP_RETRIES);
                if (!queries.isEmpty()) {
                    sendCatchUpQueries(queries);
                }
            }
        }, delay);
    }

    /** A first join asks the room for recent history; a rejoin asks for none (the archive catch-up fills in). */
    private Element joinPresence(Jid room, String nick, boolean firstJoin) {
        return Element.builder("presence", Namespaces.CLIENT).attr("to", room.withResource(nick).toString())
                .child(Element.builder("x", "http://jabber.org/protocol/muc")
                        .child(Element.builder("history", "http://jabber.org/protocol/muc")
                                .attr("maxstanzas", firstJoin ? "50" : "0")))
                .build();
    }

    private void emit(ConnectionEvent event) {
        state = event.state();
        if (event.state() == ConnectionState.DISCONNECTED || event.state() == ConnectionState.STOPPED) {
            LOG.info("{} {}: {}", options.jid(), event.state(), event.failure());
        }
        RetryConfigService configService = options.retryConfigService();
        if (configService != null) {
            if (event.state() == ConnectionState.DISCONNECTED && event.attempt() == 0) {
                configService.refreshForReconnect(); // a burst starts: at most one fetch for all of it
            } else if (event.state().isOnline()) {
                configService.sessionEstablished();
            }
        }
        Failure failure = event.failure();
        if (failure != null && failure.kind() == Failure.Kind.PROTOCOL_VIOLATION) {
            // If a shortcut from the last login (pipelined SASL2) confused the server, log in plainly next time.
            options.store().put(HINTS_KEY, null);
        }
        for (ClientListener listener : listeners) {
            listener.onConnectionEvent(event);
        }
    }

    private void notifyDelivery(OutgoingMessage message) {
        for (ClientListener listener : listeners) {
            listener.onDelivery(message);
        }
    }

    private void deliver(ChatMessage message) {
        String key = message.originId() != null ? message.originId() : message.stanzaId();
        if (!duplicates.firstTime(message.conversation().toString(), key)) {
            return;
        }
        ChatMessage shown = message;
        if (message.kind() == ChatMessage.Kind.GROUPCHAT) {
            String nick = rooms.get(message.from().bare());
            if (nick != null && nick.equals(message.from().resource())) {
                shown = message.asOutgoing();
            }
        }
        for (ClientListener listener : listeners) {
            listener.onMessage(shown);
        }
    }

    /** What the live session reports; on the event thread. */
    private final class SessionHandler implements XmppSession.Handler {
        @Override
        public void onStanza(Element stanza) {
            if (stanza.is("message", Namespaces.CLIENT)) {
                if ("error".equals(stanza.attr("type"))) {
                    return;
                }
                if (ArchiveCatchUp.isArchiveResult(stanza)) {
                    ChatMessage archived = catchUps.archived(stanza, System.currentTimeMillis());
                    if (catchUps.isRunning()) {
                        watchCatchUp();
                    }
                    if (archived != null) {
                        onArchived(archived);
                    }
                    return;
                }
                ChatMessage message = MessageStanzas.parse(stanza, options.jid(), System.currentTimeMillis());
                if (!catchUps.onLive(stanza, message) && message != null) {
                    deliver(message);
                }
            } else if (stanza.is("iq", Namespaces.CLIENT)) {
                String id = stanza.attr("id");
                boolean answer = "result".equals(stanza.attr("type")) || "error".equals(stanza.attr("type"));
                if (answer && id != null && catchUps.owns(id)) {
                    onArchiveAnswer(stanza);
                } else if ("result".equals(stanza.attr("type")) && id != null && id.startsWith("bookmarks-get-")) {
                    joinBookmarkedRooms(stanza);
                } else if ("result".equals(stanza.attr("type")) && id != null && id.startsWith("roster-get-")) {
                    if (roster.onResult(stanza)) {
                        rosterChanged();
                    }
                } else if (isRosterPush(stanza)) {
                    roster.onPush(stanza);
                    rosterChanged();
                    session.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "result")
                            .attr("id", stanza.attr("id")).build());
                } else {
                    answerIq(stanza);
                }
            } else if (stanza.is("presence", Namespaces.CLIENT)) {
                acceptNewRoom(stanza);
                retryRefusedJoin(stanza);
            }
        }

        @Override
        public void onAcknowledged(List<Element> stanzas) {
            for (Element stanza : stanzas) {
                String originId = MessageStanzas.originIdOf(stanza);
                OutgoingMessage acked = originId == null ? null
                        : outbox.update(originId, DeliveryState.ACKED, null);
                if (acked != null) {
                    notifyDelivery(acked);
                }
            }
        }

        @Override
        public void onLost(Failure failure) {
            session = null;
            if (catchUpDeadline != null) {
                catchUpDeadline.cancel();
                catchUpDeadline = null;
            }
            catchUps.finish(true).forEach(JitterbugClient.this::deliver);
            reconnector.sessionLost(failure);
        }
    }

    /**
     * XEP-0045 §10.1.2: a room we just created stays locked until its owner configures it; we take the server's
     * defaults (an "instant room") so that others can join at once.
     */
    private void acceptNewRoom(Element presence) {
        Element x = presence.child("x", "http://jabber.org/protocol/muc#user");
        if (x == null || presence.attr("from") == null) {
            return;
        }
        Jid room = Jid.parse(presence.attr("from")).bare();
        for (Element status : x.children()) {
            if ("status".equals(status.name()) && "201".equals(status.attr("code"))) {
                session.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set")
                        .attr("to", room.toString())
                        .attr("id", "instant-" + UUID.randomUUID())
                        .child(Element.builder("query", "http://jabber.org/protocol/muc#owner")
                                .child(Element.builder("x", "jabber:x:data").attr("type", "submit")))
                        .build());
            }
            if ("status".equals(status.name()) && "110".equals(status.attr("code"))
                    && joinRetries.remove(room) != null) {
                // In at last: fetch what the room said while it kept us out.
                Element query = catchUps.catchUpRoom(room, scheduler.currentTimeMillis());
                if (query != null) {
                    sendCatchUpQueries(java.util.Collections.singletonList(query));
                }
            }
        }
    }


    /** XEP-0402: rooms bookmarked with autojoin (on any device) are joined at login; known ones are left alone. */
    private void joinBookmarkedRooms(Element result) {
        Bookmarks.autojoin(result).forEach((room, nick) -> {
            if (!rooms.containsKey(room)) {
                String chosen = nick != null ? nick : options.jid().local();
                rooms.put(room, chosen);
                session.send(joinPresence(room, chosen, catchUps.joining(room, scheduler.currentTimeMillis())));
                for (ClientListener listener : listeners) {
                    listener.onRoomJoined(room, chosen);
                }
            }
        });
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
        String nick = rooms.get(room);
        if (nick == null) {
            return;
        }
        int tries = joinRetries.merge(room, 1, Integer::sum);
        if (tries > 6) {
            LOG.warn("{} could not join {} after {} tries: {}", options.jid(), room, tries - 1, presence);
            return;
        }
        scheduler.schedule(() -> {
            if (isOnline() && nick.equals(rooms.get(room))) {
                session.send(joinPresence(room, nick, false));
            }
        }, 1000L << (tries - 1));
    }

    /** RFC 6121 §2.1.6: a push is an iq set with a roster query from our own account (or from no one). */
    private boolean isRosterPush(Element iq) {
        String from = iq.attr("from");
        return "set".equals(iq.attr("type")) && iq.child("query", Roster.NS) != null
                && (from == null || Jid.parse(from).bare().equals(options.jid()));
    }

    private void rosterChanged() {
        List<Contact> snapshot = roster.contacts();
        contacts = snapshot;
        for (ClientListener listener : listeners) {
            listener.onRoster(snapshot);
        }
    }

    /** RFC 6120 §8.2.3: every get/set gets an answer; we answer pings and refuse the rest politely. */
    private void answerIq(Element iq) {
        String type = iq.attr("type");
        if (!"get".equals(type) && !"set".equals(type)) {
            return;
        }
        Element.Builder answer = Element.builder("iq", Namespaces.CLIENT).attr("to", iq.attr("from"))
                .attr("id", iq.attr("id"));
        if (iq.child("ping", "urn:xmpp:ping") != null) {
            answer.attr("type", "result");
        } else {
            answer.attr("type", "error").child(Element.builder("error", Namespaces.CLIENT).attr("type", "cancel")
                    .child(Element.builder("service-unavailable", Namespaces.STANZAS)));
        }
        session.send(answer.build());
    }

    /** Supplies each connection attempt; runs on the login worker thread. */
    private final class Attempts implements LiveSessionConnector.AttemptFactory {
        @Override
        public Transport transport(String redirect) throws NegotiationException {
            Endpoint chosen = redirect == null ? chooseEndpoint() : redirected(chooseEndpoint(), redirect);
            endpoint = chosen;
            return endpoints.transportFor(chosen, this::newTransport, fallback -> endpoint = fallback);
        }

        private Transport newTransport(Endpoint chosen) {
            if (chosen.kind() == TransportKind.WEBSOCKET) {
                // No WebSocket-level pings: Prosody 0.12.3 stops answering them on a connection that resumed a
                // session (the 10-minute soak showed a dead-link drop every two intervals after each resume).
                // The session's own probe (XEP-0198 <r/>, or XEP-0199 without stream management) watches the link
                // instead, the same way over WebSocket and BOSH.
                return new WebSocketTransport(http, chosen.uri().toString(), XmlLimits.DEFAULT, 0);
            }
            RetryConfig config = retryConfig();
            return new BoshTransport(http, chosen.uri().toString(), scheduler, XmlLimits.DEFAULT,
                    config.boshWaitSeconds(), config.boshHold(), config.boshInitialPollDelayMillis());
        }

        @Override
        public LoginRequest request() {
            Endpoint chosen = endpoint;
            boolean plainAllowed = chosen.isSecure() || (options.insecurePlainAuthOnLoopback() && chosen.isLoopback());
            return LoginRequest.builder(options.jid().domain(), options.jid().local(), options.password())
                    .resource(options.resource() != null ? options.resource() : "jitterbug-" + deviceId.substring(0, 8))
                    .userAgentId(deviceId)
                    .plainAllowed(plainAllowed)
                    .preferSasl2(retryConfig().preferSasl2()
                            && options.store().get(SASL2_BROKEN_KEY + chosen.kind()) == null)
                    .resumptionEnabled(retryConfig().resumptionEnabled()
                            && options.store().get(RESUME_BROKEN_KEY + chosen.kind()) == null)
                    .timeoutMillis(retryConfig().connectTimeoutMillis())
                    // Spotting a server that never answers SASL2 or a resume must leave time, within the same
                    // attempt, for the plain login that follows (else every attempt times out the same way).
                    .sasl2AnswerTimeoutMillis(Math.min(8_000, retryConfig().connectTimeoutMillis() / 3))
                    .resumeAnswerTimeoutMillis(Math.min(5_000, retryConfig().connectTimeoutMillis() / 4))
                    .hints(FeatureHints.decode(options.store().get(HINTS_KEY)))
                    .build();
        }

        @Override
        public StreamManagement streamManagement() {
            return sm;
        }

        @Override
        public void resumptionUnusable(Transport transport) {
            options.store().put(RESUME_BROKEN_KEY + transport.kind(), "true");
        }

        @Override
        public void sasl2Unusable(Transport transport) {
            options.store().put(SASL2_BROKEN_KEY + transport.kind(), "true");
            options.store().put(HINTS_KEY, null);
        }

        @Override
        public void negotiated(SessionNegotiator.Result result, SessionConnector.Callback callback) {
            endpoints.sessionEstablished();
            scheduler.execute(() -> {
                Failure failure = onEstablished(result);
                if (failure == null) {
                    callback.established(result.established().resumed());
                } else {
                    callback.failed(failure);
                }
            });
        }

        /**
         * Where see-other-host sends us: a full ws(s)/http(s) URI (RFC 7395 see-other-uri), or a host[:port] that
         * replaces the host of the usual endpoint. Never from an encrypted endpoint to an unencrypted one.
         */
        private Endpoint redirected(Endpoint usual, String redirect) throws NegotiationException {
            Endpoint target;
            try {
                if (redirect.contains("://")) {
                    target = Endpoint.fromUri(java.net.URI.create(redirect), "redirected by the server");
                } else {
                    java.net.URI base = usual.uri();
                    int colon = redirect.lastIndexOf(':');
                    String host = colon > 0 ? redirect.substring(0, colon) : redirect;
                    int port = colon > 0 ? Integer.parseInt(redirect.substring(colon + 1)) : base.getPort();
                    target = new Endpoint(new java.net.URI(base.getScheme(), null, host, port, base.getPath(), null,
                            null), usual.kind(), "redirected by the server");
                }
            } catch (IllegalArgumentException | java.net.URISyntaxException e) {
                throw new NegotiationException(Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
                        "The server redirected us to an address that cannot be used: " + redirect));
            }
            if (usual.isSecure() && !target.isSecure()) {
                throw new NegotiationException(Failure.of(Failure.Kind.TLS,
                        "The server redirected us to an unencrypted address (" + redirect + "); Jitterbug refuses."));
            }
            return target;
        }

        private Endpoint chooseEndpoint() throws NegotiationException {
            try {
                return endpoints.choose();
            } catch (DiscoveryException e) {
                throw new NegotiationException(e.failure());
            }
        }
    }
}
