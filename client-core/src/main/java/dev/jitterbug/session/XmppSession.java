package dev.jitterbug.session;

import dev.jitterbug.Failure;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.StreamErrors;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.util.List;

/**
 * A live, established session: sends stanzas with XEP-0198 accounting, answers and reads acks, probes a quiet
 * link and declares it dead when a probe goes unanswered, and passes stanzas up. Everything runs on the client's
 * scheduler thread; transport events are posted onto it.
 */
public final class XmppSession implements TransportListener {
    /** What the session reports upwards. Called on the scheduler thread. */
    public interface Handler {
        void onStanza(Element stanza);

        /** The server confirmed these stanzas (in order). */
        void onAcknowledged(List<Element> stanzas);

        /** The session ended; not called after {@link #close()}. */
        void onLost(Failure failure);

        /** Stanzas the server sent may have been lost on the way (see {@link TransportListener#onAnswersMaybeLost}). */
        default void onAnswersMaybeLost() {
        }
    }

    /** An ack is requested once this many stanzas went out unrequested … */
    static final int ACK_REQUEST_EVERY = 5;
    /** … or this long after the first of them: a chat message is confirmed within a blink, bursts cost one request. */
    static final long ACK_REQUEST_DELAY_MILLIS = 200;

    /**
     * An ack request still unanswered after this long is sent again while stanzas wait for confirmation: an answer
     * lost on the way (with a BOSH response the server wrote to a dead connection) would otherwise leave them shown
     * as unconfirmed until the next quiet-link probe.
     */
    static final long ACK_REPEAT_MILLIS = 5_000;

    private final Scheduler scheduler;
    private final Transport transport;
    private final StreamManagement sm;
    private final Handler handler;
    private final long pingIntervalMillis;
    private final long deadLinkTimeoutMillis;
    private long lastInboundAt;
    private boolean heardFromServer;
    private Scheduler.Cancellable probeTimer;
    private Scheduler.Cancellable deadlineTimer;
    private Scheduler.Cancellable ackRequestTimer;
    private Scheduler.Cancellable ackRepeatTimer;
    private int sentUnrequested;
    private boolean ended;
    private Failure endedWith;

    public XmppSession(Scheduler scheduler, Transport transport, StreamManagement sm, Handler handler,
            long pingIntervalMillis, long deadLinkTimeoutMillis) {
        this.scheduler = scheduler;
        this.transport = transport;
        this.sm = sm;
        this.handler = handler;
        this.pingIntervalMillis = pingIntervalMillis;
        this.deadLinkTimeoutMillis = deadLinkTimeoutMillis;
        this.lastInboundAt = scheduler.monotonicMillis();
    }

    /** Starts probing the link. Call on the scheduler thread once the negotiation handed off to this session. */
    public void start() {
        scheduleProbe(pingIntervalMillis);
    }

    public Transport transport() {
        return transport;
    }

    public boolean isEnded() {
        return ended;
    }

    /** Whether anything at all arrived from the server since this session was handed over from the negotiation. */
    public boolean heardFromServer() {
        return heardFromServer;
    }

    /** Why the session ended, or null while it lives (or after an orderly close). */
    public Failure endedWith() {
        return endedWith;
    }

    /**
     * Sends a stanza; with SM enabled it is kept until acknowledged, and an ack is requested for it soon: after
     * {@link #ACK_REQUEST_EVERY} stanzas or {@link #ACK_REQUEST_DELAY_MILLIS}, whichever comes first (an {@code <r/>}
     * after every stanza doubled the elements the server handles). Dropped if ended.
     */
    public void send(Element stanza) {
        if (ended) {
            return;
        }
        if (!sm.isEnabled()) {
            transport.send(stanza);
            return;
        }
        sm.sent(stanza);
        transport.send(stanza);
        if (++sentUnrequested >= ACK_REQUEST_EVERY) {
            requestAck();
        } else if (ackRequestTimer == null) {
            ackRequestTimer = scheduler.schedule(this::requestAck, ACK_REQUEST_DELAY_MILLIS);
        }
    }

    private void requestAck() {
        if (ackRequestTimer != null) {
            ackRequestTimer.cancel();
            ackRequestTimer = null;
        }
        if (ended || sentUnrequested == 0) {
            return;
        }
        sentUnrequested = 0;
        transport.send(Element.builder("r", Namespaces.SM).build());
        if (ackRepeatTimer == null) {
            ackRepeatTimer = scheduler.schedule(this::repeatAckRequest, ACK_REPEAT_MILLIS);
        }
    }

    private void repeatAckRequest() {
        ackRepeatTimer = null;
        if (!ended && sm.isEnabled() && sm.unackedCount() > 0) {
            transport.send(Element.builder("r", Namespaces.SM).build());
            // Unanswered for a while already: if the link stays silent now, it is dead. Prosody 0.12's BOSH can keep
            // a request whose connection died and send everything after it there; only silence shows that. (A
            // deadline already running, a network probe's say, stays: it is the sooner or the more telling one.)
            if (deadlineTimer == null) {
                armDeadLinkDeadline();
            }
            ackRepeatTimer = scheduler.schedule(this::repeatAckRequest, ACK_REPEAT_MILLIS);
        }
    }

    /** Sends something that is not counted by stream management (nonzas). */
    public void sendNonza(Element nonza) {
        if (!ended) {
            transport.send(nonza);
        }
    }

    /** Ends the session in an orderly way (sign-out): the server discards the SM state. */
    public void close() {
        if (!ended) {
            ended = true;
            cancelTimers();
            transport.close();
        }
    }

    /** Drops the connection without telling the server, leaving the session resumable (tests, dead links). */
    public void drop(Failure failure) {
        if (!ended) {
            transport.abort();
            lose(failure);
        }
    }

    @Override
    public void onStreamOpened(Element header) {
        scheduler.execute(() -> lose(Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
                "The server re-opened the stream in the middle of a session.")));
    }

    @Override
    public void onElement(Element element) {
        scheduler.execute(() -> handle(element));
    }

    /** A stanza that arrived before stream management was enabled: handled like any other, but not counted. */
    public void onEarlyStanza(Element stanza) {
        scheduler.execute(() -> {
            if (!ended) {
                handler.onStanza(stanza);
            }
        });
    }

    @Override
    public void onAnswersMaybeLost() {
        scheduler.execute(() -> {
            if (!ended) {
                handler.onAnswersMaybeLost();
            }
        });
    }

    @Override
    public void onClosed(Failure failure) {
        scheduler.execute(() -> lose(failure));
    }

    private void handle(Element element) {
        if (ended) {
            return;
        }
        lastInboundAt = scheduler.monotonicMillis();
        heardFromServer = true;
        if (deadlineTimer != null) {
            deadlineTimer.cancel();
            deadlineTimer = null;
        }
        if (Namespaces.SM.equals(element.namespace())) {
            if (element.name().equals("r")) {
                transport.send(sm.ackElement());
            } else if (element.name().equals("a")) {
                acknowledge(element.attr("h"));
            }
            return;
        }
        if (StreamErrors.isStreamError(element)) {
            lose(StreamErrors.toFailure(element));
            return;
        }
        if (sm.isEnabled() && Namespaces.CLIENT.equals(element.namespace())) {
            sm.countInbound();
        }
        handler.onStanza(element);
    }

    /** Applies the server's h after a resume (before re-sending what it did not get). */
    public void acknowledgeResumed(long h) {
        acknowledge(Long.toString(h));
    }

    private void acknowledge(String hText) {
        long h = StreamManagement.parseLong(hText, -1);
        try {
            List<Element> confirmed = sm.acknowledge(h);
            if (!confirmed.isEmpty()) {
                handler.onAcknowledged(confirmed);
            }
        } catch (IllegalArgumentException e) {
            transport.send(StreamErrors.build("undefined-condition", "h is out of range"));
            transport.abort();
            lose(StreamManagement.impossibleCounter(e.getMessage()));
        }
    }

    private void scheduleProbe(long delay) {
        if (pingIntervalMillis <= 0 || ended) {
            return;
        }
        probeTimer = scheduler.schedule(this::probe, delay);
    }

    /** A quiet link is asked for an ack (or an XEP-0199 ping without SM); no answer in time means it is dead. */
    private void probe() {
        if (ended) {
            return;
        }
        long quietFor = scheduler.monotonicMillis() - lastInboundAt;
        if (quietFor < pingIntervalMillis) {
            scheduleProbe(pingIntervalMillis - quietFor);
            return;
        }
        sendProbe();
        armDeadLinkDeadline();
        scheduleProbe(pingIntervalMillis);
    }

    /** If nothing arrives within the dead-link timeout from now, the link is dead. */
    private void armDeadLinkDeadline() {
        if (deadlineTimer != null) {
            deadlineTimer.cancel(); // one deadline at a time: an older one could no longer be cancelled by an answer
        }
        deadlineTimer = scheduler.schedule(() -> {
            deadlineTimer = null;
            if (!ended && scheduler.monotonicMillis() - lastInboundAt >= deadLinkTimeoutMillis) {
                drop(Failure.of(Failure.Kind.DEAD_LINK, "The connection stopped answering (no reply within "
                        + deadLinkTimeoutMillis / 1000 + " s)."));
            }
        }, deadLinkTimeoutMillis);
    }

    /**
     * Asks the link for an answer at once, because the machine's network changed or it woke from sleep: a link made on
     * the old network may be gone without a word. If nothing arrives within {@code timeoutMillis}, the session ends
     * as {@link Failure.Kind#NETWORK_CHANGED}, which leaves it resumable (the server may well still hold it).
     */
    public void probeNow(long timeoutMillis, String why) {
        if (ended) {
            return;
        }
        sendProbe();
        if (deadlineTimer != null) {
            deadlineTimer.cancel();
        }
        // Anything arriving cancels this (see handle), so when it runs, the link has been silent since the probe.
        deadlineTimer = scheduler.schedule(() -> {
            deadlineTimer = null;
            if (!ended) {
                drop(Failure.of(Failure.Kind.NETWORK_CHANGED, "The connection stopped answering after " + why + "."));
            }
        }, timeoutMillis);
    }

    private void sendProbe() {
        if (sm.isEnabled()) {
            sentUnrequested = 1; // the probe asks for everything sent so far
            requestAck();
        } else {
            transport.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "get").attr("id", "ping")
                    .child(Element.builder("ping", "urn:xmpp:ping")).build());
        }
    }

    private void lose(Failure failure) {
        if (ended) {
            return;
        }
        ended = true;
        endedWith = failure;
        cancelTimers();
        sm.suspended();
        handler.onLost(failure);
    }

    private void cancelTimers() {
        if (probeTimer != null) {
            probeTimer.cancel();
        }
        if (ackRequestTimer != null) {
            ackRequestTimer.cancel();
            ackRequestTimer = null;
        }
        if (ackRepeatTimer != null) {
            ackRepeatTimer.cancel();
            ackRepeatTimer = null;
        }
        if (deadlineTimer != null) {
            deadlineTimer.cancel();
        }
    }
}
