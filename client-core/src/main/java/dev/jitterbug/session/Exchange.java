package dev.jitterbug.session;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The blocking side of a login: sends elements and waits for the next one, counting round trips (a round trip is
 * a wait for the server that follows at least one send — pipelined sends before one wait count once).
 *
 * <p>Once the session is established, {@link #handOff} passes every later event, including any already queued,
 * to the live session's listener, in order.
 */
final class Exchange implements TransportListener {
    private static final Object OPENED = new Object();
    /** The condition of a Failure raised when one step (not the whole login) ran out of time. */
    static final String STEP_TIMEOUT = "step-timeout";

    private final Transport transport;
    private final long deadlineNanos;
    private final Deque<Object> inbox = new ArrayDeque<>();
    private Element lastHeader;
    private Failure closedWith;
    private TransportListener live;
    private boolean awaitingReply;
    private int roundTrips;

    Exchange(Transport transport, long timeoutMillis) {
        this.transport = transport;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    void send(Element element) {
        awaitingReply = true;
        transport.send(element);
    }

    void restart() {
        awaitingReply = true;
        transport.restart();
    }

    /** The stream open counts as the first round trip (the transport's own handshakes do not). */
    void restartCounting() {
        awaitingReply = true;
        roundTrips = 0;
    }

    int roundTrips() {
        return roundTrips;
    }

    Transport transport() {
        return transport;
    }

    /** Waits for the stream header after open or restart. */
    Element awaitStreamOpen() throws NegotiationException {
        Object next = take(Long.MAX_VALUE);
        if (next != OPENED) {
            throw protocol("The server sent " + describe(next) + " before opening the stream.");
        }
        synchronized (this) {
            return lastHeader;
        }
    }

    /** Waits for the next top-level element. */
    Element next() throws NegotiationException {
        return next(Long.MAX_VALUE);
    }

    /** Waits at most {@code limitMillis} (and never past the login deadline) for the next element. */
    Element next(long limitMillis) throws NegotiationException {
        Object next = take(limitMillis);
        if (next == OPENED) {
            throw protocol("The server re-opened the stream unexpectedly.");
        }
        return (Element) next;
    }

    /** Waits for the next element and checks it is one of the expected names in the namespace. */
    Element expect(String namespace, String... names) throws NegotiationException {
        return expectWithin(Long.MAX_VALUE, namespace, names);
    }

    /** Like {@link #expect}, but gives up after {@code limitMillis}. */
    Element expectWithin(long limitMillis, String namespace, String... names) throws NegotiationException {
        Element element = next(limitMillis);
        for (String name : names) {
            if (element.is(name, namespace)) {
                return element;
            }
        }
        throw protocol("The server sent <" + element.name() + "> where " + String.join(" or ", names)
                + " was expected.");
    }

    /**
     * Like {@link #expect}, but stanzas (message, presence, iq) that arrive first are collected in {@code stanzas}
     * instead of failing the login: once a resource is bound, the server may route stanzas to it at any time.
     */
    Element expectAfterStanzas(List<Element> stanzas, String namespace, String... names) throws NegotiationException {
        while (true) {
            Element element = next();
            for (String name : names) {
                if (element.is(name, namespace)) {
                    return element;
                }
            }
            String name = element.name();
            if (!Namespaces.CLIENT.equals(element.namespace())
                    || !(name.equals("message") || name.equals("presence") || name.equals("iq"))) {
                throw protocol("The server sent <" + element.name() + "> where " + String.join(" or ", names)
                        + " was expected.");
            }
            stanzas.add(element);
        }
    }

    /** From now on every event goes to {@code listener}, starting with anything not yet consumed. */
    synchronized void handOff(TransportListener listener) {
        while (!inbox.isEmpty()) {
            Object queued = inbox.poll();
            if (queued == OPENED) {
                listener.onStreamOpened(lastHeader);
            } else {
                listener.onElement((Element) queued);
            }
        }
        live = listener;
        if (closedWith != null) {
            listener.onClosed(closedWith);
        }
    }

    @Override
    public synchronized void onStreamOpened(Element header) {
        if (live != null) {
            live.onStreamOpened(header);
            return;
        }
        lastHeader = header;
        inbox.add(OPENED);
        notifyAll();
    }

    @Override
    public synchronized void onElement(Element element) {
        if (live != null) {
            live.onElement(element);
            return;
        }
        inbox.add(element);
        notifyAll();
    }

    @Override
    public synchronized void onAnswersMaybeLost() {
        if (live != null) {
            live.onAnswersMaybeLost();
        }
        // During the login a lost answer shows as a step that times out: that attempt fails and the next one
        // starts afresh, with the archive catch-up every new session does.
    }

    @Override
    public synchronized void onClosed(Failure failure) {
        if (live != null) {
            live.onClosed(failure);
            return;
        }
        closedWith = failure;
        notifyAll();
    }

    /**
     * Waits for the next queued event. On a timeout the transport is aborted outside this object's lock: transports
     * call {@link #onElement} holding their own lock, so aborting (which takes that lock) while holding ours could
     * deadlock — it did, once in a 10-minute soak, leaving a BOSH client "connecting" forever.
     */
    private Object take(long limitMillis) throws NegotiationException {
        Object next = awaitNext(limitMillis);
        if (next instanceof NegotiationException) {
            transport.abort();
            throw (NegotiationException) next;
        }
        return next;
    }

    /** The next event, or the {@link NegotiationException} to throw after aborting the transport. */
    private synchronized Object awaitNext(long limitMillis) throws NegotiationException {
        long stepDeadline = limitMillis == Long.MAX_VALUE ? deadlineNanos
                : Math.min(deadlineNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis));
        while (inbox.isEmpty()) {
            if (closedWith != null) {
                throw new NegotiationException(closedWith);
            }
            long remaining = stepDeadline - System.nanoTime();
            if (remaining <= 0) {
                boolean stepTimeout = stepDeadline < deadlineNanos;
                return new NegotiationException(Failure.of(Failure.Kind.TIMEOUT, stepTimeout
                        ? "The server did not answer this login step in time."
                        : "The server did not finish the login in time.")
                        .withCondition(stepTimeout ? STEP_TIMEOUT : null));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new NegotiationException(Failure.of(Failure.Kind.LOCAL_CLOSE, "The login was cancelled."));
            }
        }
        if (awaitingReply) {
            roundTrips++;
            awaitingReply = false;
        }
        return inbox.poll();
    }

    private static String describe(Object next) {
        return next instanceof Element ? "<" + ((Element) next).name() + ">" : "data";
    }

    static NegotiationException protocol(String message) {
        return new NegotiationException(Failure.of(Failure.Kind.PROTOCOL_VIOLATION, message));
    }
}
