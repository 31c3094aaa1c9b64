package dev.jitterbug.internal.client;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Contact;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.SessionCost;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigService;
import dev.jitterbug.im.CatchUps;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.im.Outbox;
import dev.jitterbug.im.Roster;
import dev.jitterbug.platform.ClientScheduler;
import dev.jitterbug.reconnect.Reconnector;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.reconnect.SplitMixRandomSource;
import dev.jitterbug.session.Established;
import dev.jitterbug.session.LiveSessionConnector;
import dev.jitterbug.session.SessionNegotiator;
import dev.jitterbug.session.StreamManagement;
import dev.jitterbug.session.XmppSession;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.xml.Element;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * The engine behind {@code JitterbugClient}: wires one client's parts and runs its sessions. The {@link Reconnector}
 * alone owns the connection state; the engine installs each negotiated session, passes every incoming stanza along the
 * handler chain (deliveries, catch-up, inbox, rooms, roster, iq replies) and tells the parts when a session starts or
 * ends. Everything after construction runs on the client's one event thread, except where noted.
 */
public final class ClientEngine implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientEngine.class);

    private final ClientOptions options;
    private final ClientScheduler scheduler;
    private final ClientResources resources;
    private final StreamManagement sm = new StreamManagement();
    private final Listeners listeners = new Listeners();
    private final Link link = new Link();
    private final RosterHandler roster;
    private final Rooms rooms;
    private final Deliveries deliveries;
    private final Inbox inbox;
    private final CatchUpHandler catchUp;
    private final List<StanzaHandler> chain;
    private final ConnectionAttempts attempts;
    private final Reconnector reconnector;
    private final NetworkWatch network;

    private XmppSession session;
    private volatile Established established;
    private volatile Jid boundJid;
    private volatile SessionCost cost;

    /**
     * @param password              the account's password (not readable from the options' public API)
     * @param scheduler             the client's event thread: its own, or a lane of a shared event loop
     * @param sharedHttp            the HTTP client many clients share ({@code SharedResources}), or null
     * @param discoveryBaseForTests where discovery reads host-meta instead of https://DOMAIN, or null
     * @param testOnlyDns           how tests resolve names (loopback answers only), or null for the system's
     */
    public ClientEngine(ClientOptions options, char[] password, ClientScheduler scheduler, OkHttpClient sharedHttp,
            URI discoveryBaseForTests, Dns testOnlyDns) {
        this.options = options;
        this.scheduler = scheduler;
        RetryPlanner planner = new RetryPlanner(SplitMixRandomSource.fromEntropy());
        this.resources = new ClientResources(options, sharedHttp, scheduler, planner, discoveryBaseForTests,
                testOnlyDns);
        CatchUps catchUps = new CatchUps(options.store(), options.jid());
        this.roster = new RosterHandler(new Roster(options.store()), options.jid(), link, listeners);
        this.rooms = new Rooms(options.jid(), catchUps, scheduler, planner, new RoomLink());
        this.deliveries = new Deliveries(new Outbox(options.store()), rooms, new DeliveryLink(),
                listeners::onDelivery);
        this.inbox = new Inbox(options.jid(), rooms, deliveries, listeners);
        this.catchUp = new CatchUpHandler(catchUps, options.jid(), scheduler, link, planner, inbox::show,
                this::catchUpDone);
        inbox.holdBackDuring(catchUp);
        this.chain = Arrays.asList(deliveries, catchUp, inbox, rooms, roster, new IqResponder(link));
        this.attempts = new ConnectionAttempts(options, password, resources, sm, this::retryConfig, this::install);
        this.reconnector = new Reconnector(scheduler, () -> retryConfig().reconnectPolicy(),
                new LiveSessionConnector(resources.worker(), attempts), SplitMixRandomSource.fromEntropy(),
                this::onConnectionEvent);
        this.network = new NetworkWatch(options.networkMonitor(), reconnector, this::probeLink,
                options.jid().toString(), options.endpoint() != null
                        && new Endpoint(options.endpoint(), null, false, "").isLoopback());
    }

    public void addListener(ClientListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ClientListener listener) {
        listeners.remove(listener);
    }

    public ConnectionState state() {
        return reconnector.state();
    }

    public Jid boundJid() {
        return boundJid;
    }

    public Endpoint endpoint() {
        return attempts.endpoint();
    }

    public List<Contact> contacts() {
        return roster.contacts();
    }

    public SessionCost lastSessionCost() {
        return cost;
    }

    public RetryConfig retryConfig() {
        return options.retryConfigSource().get();
    }

    public void connect() {
        network.start();
        reconnector.start();
    }

    public void retryNow() {
        reconnector.retryNow();
    }

    public void networkAvailable() {
        reconnector.networkAvailable();
    }

    public void addContact(Jid contact, String name) {
        scheduler.execute(() -> roster.add(contact, name));
    }

    public void joinRoom(Jid room, String nick) {
        scheduler.execute(() -> rooms.join(room, nick));
    }

    public void leaveRoom(Jid room) {
        scheduler.execute(() -> rooms.leave(room));
    }

    public List<OutgoingMessage> pendingMessages() {
        return deliveries.pending();
    }

    /** Queues one of our messages; it goes out once, in order, as soon as it may. Any thread. */
    public OutgoingMessage send(Jid to, String body, ChatMessage.Kind kind) {
        String originId = UUID.randomUUID().toString();
        ChatMessage message = new ChatMessage(originId, originId, null, options.jid(), to, body, kind,
                System.currentTimeMillis(), true, false);
        OutgoingMessage queued = new OutgoingMessage(message, DeliveryState.QUEUED, null);
        scheduler.execute(() -> {
            inbox.sent(message);
            deliveries.add(queued);
        });
        return queued;
    }

    /** Signs out: ends the session in an orderly way. Queued messages stay in the outbox. */
    public void disconnect() {
        network.stop();
        reconnector.stop();
        scheduler.execute(() -> {
            if (session != null) {
                session.close();
                session = null;
            }
            sm.forgetStream();
        });
    }

    @Override
    public void close() {
        disconnect();
        scheduler.execute(scheduler::close);
        resources.close();
    }

    /** The machine's network changed: the live link, if any, must answer at once or counts as gone. Any thread. */
    private void probeLink(String why) {
        scheduler.execute(() -> {
            if (session != null) {
                session.probeNow(NetworkWatch.PROBE_TIMEOUT_MILLIS, why);
            }
        });
    }

    /** Installs a negotiated session; returns why it failed at once (an impossible resume counter), or null. */
    private Failure install(SessionNegotiator.Result result) {
        Established negotiated = result.established();
        established = negotiated;
        options.store().put(ConnectionAttempts.HINTS_KEY, negotiated.hints().encode());
        if (negotiated.boundJid() != null) {
            boundJid = Jid.parse(negotiated.boundJid());
        }
        RetryConfig config = retryConfig();
        XmppSession live = new XmppSession(scheduler, negotiated.transport(), sm, new SessionEvents(),
                config.pingIntervalMillis(), config.deadLinkTimeoutMillis());
        session = live;
        for (Element early : result.earlyStanzas()) {
            live.onEarlyStanza(early);
        }
        result.handOff(live);
        live.start();
        if (negotiated.resumed()) {
            sm.resumed();
            live.acknowledgeResumed(negotiated.resumedAckedCount());
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
            // A new session: what the old stream did not confirm is re-sent from the outbox (messages carry
            // origin-ids, so receivers drop a copy they already have); other stanzas are rebuilt.
            sm.drainUnacked();
            live.send(Element.builder("presence", Namespaces.CLIENT).build());
            live.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", "carbons")
                    .child(Element.builder("enable", MessageStanzas.CARBONS)).build());
            rooms.newSession();
            roster.newSession();
        }
        recordCost(false); // the login's part is known now; the catch-up's when it has finished
        if (!catchUp.sessionStarted(negotiated.resumed(), rooms.joined())) {
            catchUpDone();
        }
        return null;
    }

    /** A round of catch-ups ended (or none was needed): the cost is complete, and what waited may go out. */
    private void catchUpDone() {
        recordCost(true);
        if (link.isOnline()) {
            deliveries.flushAll();
        }
    }

    private void recordCost(boolean complete) {
        Established current = established;
        if (current == null) {
            return;
        }
        TrafficCounter traffic = current.transport().traffic();
        boolean known = complete || current.resumed();
        cost = new SessionCost(current.transport().kind(), current.mechanism(), current.sasl2(), current.resumed(),
                current.roundTrips(), traffic.bytesSent(), traffic.bytesReceived(), traffic.elementsSent(),
                traffic.elementsReceived(), current.resumed() ? 0 : known ? catchUp.fetched() : -1,
                current.resumed() ? 0 : known ? roster.lastFetchItems() : -1, current.keysDerived());
        listeners.onSessionCost(cost);
    }

    private void onConnectionEvent(ConnectionEvent event) {
        ConnectionState state = event.state();
        if (state == ConnectionState.DISCONNECTED || state == ConnectionState.STOPPED) {
            LOG.info("{} {}: {}", options.jid(), state, event.failure());
        }
        RetryConfigService configService = options.retryConfigService();
        if (configService != null) {
            if (state == ConnectionState.DISCONNECTED && event.attempt() == 0) {
                configService.refreshForReconnect(); // a burst starts: at most one fetch for all of it
            } else if (state.isOnline()) {
                configService.sessionEstablished();
            }
        }
        Failure failure = event.failure();
        if (failure != null && failure.kind() == Failure.Kind.PROTOCOL_VIOLATION) {
            // If a shortcut from the last login (pipelined SASL2) confused the server, log in plainly next time.
            options.store().put(ConnectionAttempts.HINTS_KEY, null);
        }
        listeners.onConnectionEvent(event);
    }

    /** What the live session reports; on the event thread. */
    private final class SessionEvents implements XmppSession.Handler {
        @Override
        public void onStanza(Element stanza) {
            for (StanzaHandler handler : chain) {
                if (handler.handle(stanza)) {
                    return;
                }
            }
        }

        @Override
        public void onAcknowledged(List<Element> stanzas) {
            deliveries.acknowledged(stanzas);
        }

        @Override
        public void onAnswersMaybeLost() {
            catchUp.recheck(rooms.joined()); // what an answer lost on the way carried is in the archive
        }

        @Override
        public void onLost(Failure failure) {
            XmppSession lost = session;
            session = null;
            Established last = established;
            if (last != null && last.resumed() && lost != null && !lost.heardFromServer()
                    && failure.kind() == Failure.Kind.DEAD_LINK) {
                // The server said <resumed/> and then nothing, not even an ack: its side of the session is stuck
                // (Prosody 0.12.3 after old connections of the same session delivered late, in the soak). Resuming
                // it again only repeats that, so the next attempt logs in afresh; catch-up and outbox recover.
                LOG.info("{}: the resumed session never answered; logging in afresh next time", options.jid());
                sm.forgetStream();
            }
            catchUp.sessionEnded();
            reconnector.sessionLost(failure, attempts.canResume());
        }
    }

    /** The current session, for the handlers; on the event thread. */
    private final class Link implements SessionLink {
        @Override
        public boolean isOnline() {
            return session != null && !session.isEnded();
        }

        @Override
        public void send(Element stanza) {
            session.send(stanza);
        }
    }

    /** What the rooms may do beyond sending; on the event thread. */
    private final class RoomLink implements Rooms.Link {
        @Override
        public boolean isOnline() {
            return link.isOnline();
        }

        @Override
        public void send(Element stanza) {
            link.send(stanza);
        }

        @Override
        public void catchUp(Element query) {
            catchUp.catchUpRoom(query);
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
            listeners.onRoomJoined(room, nick);
        }
    }

    /** What the delivery bookkeeping may do; on the event thread. */
    private final class DeliveryLink implements Deliveries.Link {
        /** New messages wait while a catch-up decides which old ones the server already has, so order is kept. */
        @Override
        public boolean canTransmit() {
            return link.isOnline() && !catchUp.isRunning();
        }

        @Override
        public void send(Element stanza) {
            link.send(stanza);
        }
    }
}
