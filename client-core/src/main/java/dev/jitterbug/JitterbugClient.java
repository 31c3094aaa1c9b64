package dev.jitterbug;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.im.DuplicateFilter;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.im.Outbox;
import dev.jitterbug.platform.ExecutorScheduler;
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
    private static final String HINTS_KEY = "feature-hints";
    private static final String DEVICE_KEY = "device-id";
    private static final String SASL2_BROKEN_KEY = "sasl2-unanswered-";

    private final ClientOptions options;
    private final ExecutorScheduler scheduler;
    private final ThreadPoolExecutor worker;
    private final OkHttpClient http;
    private final StreamManagement sm = new StreamManagement();
    private final Outbox outbox;
    private final DuplicateFilter duplicates = new DuplicateFilter(20_000);
    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Jid, String> rooms = new LinkedHashMap<>();
    private final SessionConnector connector;
    private final Reconnector reconnector;
    private final String deviceId;

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
        String storedDevice = options.store().get(DEVICE_KEY);
        this.deviceId = storedDevice != null ? storedDevice : UUID.randomUUID().toString();
        options.store().put(DEVICE_KEY, deviceId);
        this.connector = new LiveSessionConnector(worker, new Attempts());
        this.reconnector = new Reconnector(scheduler, this::retryConfig, connector,
                SplitMixRandomSource.fromEntropy(), this::emit);
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
                session.send(joinPresence(room.bare(), nick));
            }
        });
    }

    /** Leaves a room. */
    public void leaveRoom(Jid room) {
        scheduler.execute(() -> {
            String nick = rooms.remove(room.bare());
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

    private OutgoingMessage enqueue(Jid to, String body, ChatMessage.Kind kind) {
        String originId = UUID.randomUUID().toString();
        ChatMessage message = new ChatMessage(originId, originId, null, options.jid(), to, body, kind,
                System.currentTimeMillis(), true, false);
        OutgoingMessage queued = new OutgoingMessage(message, DeliveryState.QUEUED, null);
        scheduler.execute(() -> {
            outbox.add(queued);
            notifyDelivery(queued);
            if (isOnline()) {
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

    private void onEstablished(SessionNegotiator.Result result) {
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
            live.acknowledgeResumed(established.resumedAckedCount());
            for (Element stanza : sm.drainUnacked()) {
                live.send(stanza);
            }
        } else {
            // A new session: what the old stream did not confirm is re-sent from the outbox below (messages carry
            // origin-ids, so receivers drop a copy they already have); other stanzas are rebuilt.
            sm.drainUnacked();
            live.send(Element.builder("presence", Namespaces.CLIENT).build());
            live.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", "carbons")
                    .child(Element.builder("enable", MessageStanzas.CARBONS)).build());
            rooms.forEach((room, nick) -> live.send(joinPresence(room, nick)));
        }
        state = established.resumed() ? ConnectionState.RESUMED : ConnectionState.CONNECTED;
        for (OutgoingMessage pending : outbox.pending()) {
            boolean onTheWire = established.resumed() && pending.state() == DeliveryState.SENT;
            if (!onTheWire && pending.state() != DeliveryState.FAILED) {
                transmit(pending);
            }
        }
    }

    private Element joinPresence(Jid room, String nick) {
        return Element.builder("presence", Namespaces.CLIENT).attr("to", room.withResource(nick).toString())
                .child(Element.builder("x", "http://jabber.org/protocol/muc")
                        .child(Element.builder("history", "http://jabber.org/protocol/muc").attr("maxstanzas", "50")))
                .build();
    }

    private void emit(ConnectionEvent event) {
        state = event.state();
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
                ChatMessage message = MessageStanzas.parse(stanza, options.jid(), System.currentTimeMillis());
                if (message != null) {
                    deliver(message);
                }
            } else if (stanza.is("iq", Namespaces.CLIENT)) {
                answerIq(stanza);
            } else if (stanza.is("presence", Namespaces.CLIENT)) {
                acceptNewRoom(stanza);
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
        for (Element status : x.children()) {
            if ("status".equals(status.name()) && "201".equals(status.attr("code"))) {
                session.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set")
                        .attr("to", Jid.parse(presence.attr("from")).bare().toString())
                        .attr("id", "instant-" + UUID.randomUUID())
                        .child(Element.builder("query", "http://jabber.org/protocol/muc#owner")
                                .child(Element.builder("x", "jabber:x:data").attr("type", "submit")))
                        .build());
            }
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
            Endpoint chosen = chooseEndpoint();
            endpoint = chosen;
            if (chosen.kind() == TransportKind.WEBSOCKET) {
                return new WebSocketTransport(http, chosen.uri().toString(), XmlLimits.DEFAULT,
                        retryConfig().pingIntervalMillis());
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
                    .resumptionEnabled(retryConfig().resumptionEnabled())
                    .timeoutMillis(retryConfig().connectTimeoutMillis())
                    .hints(FeatureHints.decode(options.store().get(HINTS_KEY)))
                    .build();
        }

        @Override
        public StreamManagement streamManagement() {
            return sm;
        }

        @Override
        public void sasl2Unusable(Transport transport) {
            options.store().put(SASL2_BROKEN_KEY + transport.kind(), "true");
            options.store().put(HINTS_KEY, null);
        }

        @Override
        public void negotiated(SessionNegotiator.Result result, SessionConnector.Callback callback) {
            scheduler.execute(() -> {
                onEstablished(result);
                callback.established(result.established().resumed());
            });
        }

        private Endpoint chooseEndpoint() throws NegotiationException {
            if (options.endpoint() == null) {
                throw new NegotiationException(Failure.of(Failure.Kind.UNKNOWN_HOST,
                        "No server address is configured for " + options.jid().domain() + "."));
            }
            return Endpoint.fromUri(options.endpoint(), "configured");
        }
    }
}
