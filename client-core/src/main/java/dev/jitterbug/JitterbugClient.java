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
import dev.jitterbug.session.LiveSessionConnector;
import dev.jitterbug.session.SessionNegotiator;
import dev.jitterbug.session.StreamManagement;
import dev.jitterbug.session.XmppSession;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.TlsTrust;
import dev.jitterbug.transport.discovery.EndpointSelector;
import dev.jitterbug.transport.discovery.HttpHostMetaFetcher;
import dev.jitterbug.xml.Element;
import java.util.Collections;
import java.util.List;
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
    private static final String DEVICE_KEY = "device-id";
    /** A catch-up that gets no answer for this long is stalled: held messages are shown, it is retried later. */
    private static final long CATCH_UP_STALL_MILLIS = 15_000;
    /** Restarts of an unfinished catch-up per session (after 2, 4, 8, 16, 32 s), so a broken archive cannot loop. */
    private static final int CATCH_UP_RETRIES = 5;

    private final ClientOptions options;
    private final ExecutorScheduler scheduler;
    private final ThreadPoolExecutor worker;
    private final OkHttpClient http;
    private final StreamManagement sm = new StreamManagement();
    private final DuplicateFilter duplicates = new DuplicateFilter(20_000);
    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
    private final CatchUps catchUps;
    private final Rooms rooms;
    private final Deliveries deliveries;
    private final Roster roster;
    private volatile List<Contact> contacts;
    private volatile SessionCost lastCost;
    private Scheduler.Cancellable catchUpDeadline;
    private final ConnectionAttempts attempts;
    private final SessionConnector connector;
    private final Reconnector reconnector;
    private final String deviceId;
    private final EndpointSelector endpoints;

    private XmppSession session;
    private volatile ConnectionState state = ConnectionState.OFFLINE;
    private volatile Established lastEstablished;
    private volatile Jid boundJid;

    private JitterbugClient(ClientOptions options) {
        this.options = options;
        this.scheduler = new ExecutorScheduler("jitterbug-" + options.jid());
        this.worker = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "jitterbug-login-" + options.jid());
            thread.setDaemon(true);
            return thread;
        });
        this.http = httpClient(options);
        this.catchUps = new CatchUps(options.store(), options.jid());
        this.rooms = new Rooms(options.jid(), catchUps, scheduler, new RoomLink());
        this.deliveries = new Deliveries(new Outbox(options.store()), rooms, new DeliveryLink(), this::notifyDelivery);
        this.roster = new Roster(options.store());
        this.contacts = roster.contacts();
        String storedDevice = options.store().get(DEVICE_KEY);
        this.deviceId = storedDevice != null ? storedDevice : UUID.randomUUID().toString();
        options.store().put(DEVICE_KEY, deviceId);
        this.endpoints = new EndpointSelector(options.endpoint(), options.transport(), hostMeta(options, http),
                scheduler);
        this.attempts = new ConnectionAttempts(options, http, scheduler, endpoints, sm, deviceId, this::retryConfig,
                this::onEstablished);
        this.connector = new LiveSessionConnector(worker, attempts);
        this.reconnector = new Reconnector(scheduler, () -> retryConfig().reconnectPolicy(), connector,
                SplitMixRandomSource.fromEntropy(), this::emit);
    }

    private static HttpHostMetaFetcher hostMeta(ClientOptions options, OkHttpClient http) {
        String domain = options.jid().domain();
        return options.testOnlyDiscoveryBase() == null ? HttpHostMetaFetcher.forDomain(http, domain)
                : HttpHostMetaFetcher.fromLoopbackBaseForTestsOnly(http, options.testOnlyDiscoveryBase(), domain);
    }

    /** Every connection of this client (transports, discovery) goes through this one client and its trust. */
    private static OkHttpClient httpClient(ClientOptions options) {
        OkHttpClient.Builder builder = options.sharedResources() != null
                ? options.sharedResources().http().newBuilder() // shares its dispatcher and connections
                : ownHttpClient();
        return TlsTrust.apply(builder, options.trustedCertificates()).build();
    }

    private static OkHttpClient.Builder ownHttpClient() {
        Dispatcher dispatcher = new Dispatcher();
        // Long-polling BOSH holds up to two requests, WebSockets hold a slot for their lifetime, and the config
        // fetch must still get through: give each host room.
        dispatcher.setMaxRequestsPerHost(16);
        return new OkHttpClient.Builder().dispatcher(dispatcher).connectTimeout(10, TimeUnit.SECONDS);
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
        return attempts.endpoint();
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
        scheduler.execute(() -> rooms.join(room, nick));
    }

    /** Leaves a room. */
    public void leaveRoom(Jid room) {
        scheduler.execute(() -> rooms.leave(room));
    }

    /** Messages not yet confirmed by the server, oldest first (a snapshot). */
    public List<OutgoingMessage> pendingMessages() {
        return deliveries.pending();
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
            deliveries.add(queued);
        });
        return queued;
    }

    /** Installs the negotiated session; returns why it failed at once (an impossible resume counter), or null. */
    private Failure onEstablished(SessionNegotiator.Result result) {
        Established established = result.established();
        lastEstablished = established;
        options.store().put(ConnectionAttempts.HINTS_KEY, established.hints().encode());
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
            rooms.rejoinAll();
            live.send(roster.request("roster-get-" + UUID.randomUUID()));
            live.send(Bookmarks.fetch("bookmarks-get-" + UUID.randomUUID()));
        }
        state = established.resumed() ? ConnectionState.RESUMED : ConnectionState.CONNECTED;
        recordCost(false); // the login's part is known now; the catch-up's when it has finished
        // A new session first learns from the archives what it missed — and which of our unconfirmed messages the
        // server did store before the old connection died — then sends the rest of the outbox, in order. A resumed
        // one only finishes a catch-up the last session could not.
        List<Element> queries = established.resumed() ? catchUps.afterResume(CATCH_UP_RETRIES)
                : catchUps.begin(scheduler.currentTimeMillis(), rooms.joined());
        if (queries.isEmpty()) {
            flushOutbox();
            recordCost(true);
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

    /** The cost so far; {@code complete}: the catch-up after a new login has finished (or it was a resume). */
    private void recordCost(boolean complete) {
        Established established = lastEstablished;
        if (established == null) {
            return;
        }
        dev.jitterbug.transport.TrafficCounter traffic = established.transport().traffic();
        boolean known = complete || established.resumed();
        lastCost = new SessionCost(established.transport().kind(), established.mechanism(), established.sasl2(),
                established.resumed(), established.roundTrips(), traffic.bytesSent(), traffic.bytesReceived(),
                traffic.elementsSent(), traffic.elementsReceived(),
                established.resumed() ? 0 : known ? catchUps.fetched() : -1,
                established.resumed() ? 0 : known ? roster.lastFetchItems() : -1);
    }

    /** Sends every unconfirmed message, in the order written (see {@link Deliveries#flushAll}). */
    private void flushOutbox() {
        if (isOnline()) {
            deliveries.flushAll();
        }
    }

    private void onArchived(ChatMessage message) {
        deliveries.archived(message);
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
        recordCost(true);
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
            options.store().put(ConnectionAttempts.HINTS_KEY, null);
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
        if (message.kind() == ChatMessage.Kind.GROUPCHAT && rooms.isUs(message.from())) {
            shown = message.asOutgoing();
        }
        for (ClientListener listener : listeners) {
            listener.onMessage(shown);
        }
    }

    /** What the rooms may do with the current session; on the event thread. */
    private final class RoomLink implements Rooms.Link {
        @Override
        public boolean isOnline() {
            return JitterbugClient.this.isOnline();
        }

        @Override
        public void send(Element stanza) {
            session.send(stanza);
        }

        @Override
        public void catchUp(Element query) {
            sendCatchUpQueries(Collections.singletonList(query));
        }

        @Override
        public void inAgain(Jid room) {
            deliveries.flushRoom(room);
        }

        @Override
        public void unreachable(Jid room, String reason) {
            deliveries.roomUnreachable(room, reason);
        }

        @Override
        public void joinedOnOurOwn(Jid room, String nick) {
            for (ClientListener listener : listeners) {
                listener.onRoomJoined(room, nick);
            }
        }
    }

    /** What the delivery bookkeeping may do with the current session; on the event thread. */
    private final class DeliveryLink implements Deliveries.Link {
        @Override
        public boolean canTransmit() {
            return JitterbugClient.this.canTransmit();
        }

        @Override
        public void send(Element stanza) {
            session.send(stanza);
        }
    }

    /** What the live session reports; on the event thread. */
    private final class SessionHandler implements XmppSession.Handler {
        @Override
        public void onStanza(Element stanza) {
            if (stanza.is("message", Namespaces.CLIENT)) {
                if ("error".equals(stanza.attr("type"))) {
                    deliveries.bounced(stanza);
                    return;
                }
                deliveries.live(stanza);
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
                    rooms.autojoin(stanza);
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
                rooms.onPresence(stanza);
            }
        }

        @Override
        public void onAcknowledged(List<Element> stanzas) {
            deliveries.acknowledged(stanzas);
        }

        @Override
        public void onLost(Failure failure) {
            XmppSession lost = session;
            session = null;
            Established established = lastEstablished;
            if (established != null && established.resumed() && lost != null && !lost.heardFromServer()
                    && failure.kind() == Failure.Kind.DEAD_LINK) {
                // The server said <resumed/> and then nothing, not even an ack: its side of the session is stuck
                // (Prosody 0.12.3 after old connections of the same session delivered late, in the soak). Resuming
                // it again only repeats that, so the next attempt logs in afresh; catch-up and outbox recover.
                LOG.info("{}: the resumed session never answered; logging in afresh next time", options.jid());
                sm.forgetStream();
            }
            if (catchUpDeadline != null) {
                catchUpDeadline.cancel();
                catchUpDeadline = null;
            }
            catchUps.finish(true).forEach(JitterbugClient.this::deliver);
            reconnector.sessionLost(failure);
        }
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
}
