package dev.jitterbug.transport.discovery;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport that, when its first choice fails before the server opened the stream, switches to a second one within
 * the same attempt: the session above sees one transport that opened a little later, and the user does not wait a
 * reconnect delay because a proxy strips WebSocket upgrades. What the session sent before the open (a pipelined
 * authentication) is sent again on the second transport.
 */
final class FallbackTransport implements Transport {
    /** Supplies the second transport, or null when there is none worth trying. */
    interface Alternative {
        Transport next();
    }

    private final Object lock = new Object();
    private final Alternative alternative;
    private final List<Element> sentBeforeOpen = new ArrayList<>();
    private Transport current;
    private boolean opened;
    private boolean switched;
    private String domain;
    private TransportListener listener;

    FallbackTransport(Transport first, Alternative alternative) {
        this.current = first;
        this.alternative = alternative;
    }

    @Override
    public void open(String toDomain, TransportListener transportListener) {
        Transport first;
        synchronized (lock) {
            domain = toDomain;
            listener = transportListener;
            first = current;
        }
        first.open(toDomain, new FirstChoiceListener());
    }

    @Override
    public void send(Element element) {
        Transport target;
        synchronized (lock) {
            if (!opened && !switched) {
                sentBeforeOpen.add(element);
            }
            target = current;
        }
        target.send(element);
    }

    @Override
    public void restart() {
        currentTransport().restart();
    }

    @Override
    public void close() {
        currentTransport().close();
    }

    @Override
    public void abort() {
        currentTransport().abort();
    }

    @Override
    public TransportKind kind() {
        return currentTransport().kind();
    }

    @Override
    public String endpoint() {
        return currentTransport().endpoint();
    }

    @Override
    public TrafficCounter traffic() {
        return currentTransport().traffic();
    }

    private Transport currentTransport() {
        synchronized (lock) {
            return current;
        }
    }

    /**
     * Whether another transport might fare better: not after a local close, nor when the proxy refused the proxy
     * login (every transport goes through the same proxy).
     */
    static boolean saysSomethingAboutTheTransport(Failure failure) {
        return failure.kind() != Failure.Kind.LOCAL_CLOSE && failure.kind() != Failure.Kind.PROXY_AUTHENTICATION;
    }

    /** Listens to the first choice only; once switched, the second transport talks to the session directly. */
    private final class FirstChoiceListener implements TransportListener {
        @Override
        public void onStreamOpened(Element header) {
            synchronized (lock) {
                opened = true;
                sentBeforeOpen.clear();
            }
            listener.onStreamOpened(header);
        }

        @Override
        public void onElement(Element element) {
            listener.onElement(element);
        }

        @Override
        public void onAnswersMaybeLost() {
            listener.onAnswersMaybeLost();
        }

        @Override
        public void onClosed(Failure failure) {
            Transport second = null;
            List<Element> replay = null;
            synchronized (lock) {
                if (!opened && !switched && saysSomethingAboutTheTransport(failure)) {
                    second = alternative.next();
                    if (second != null) {
                        switched = true;
                        current = second;
                        replay = new ArrayList<>(sentBeforeOpen);
                        sentBeforeOpen.clear();
                    }
                }
            }
            if (second == null) {
                listener.onClosed(failure);
                return;
            }
            second.open(domain, listener);
            for (Element element : replay) {
                second.send(element);
            }
        }
    }
}
