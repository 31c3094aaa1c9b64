package dev.jitterbug.transport.discovery;

import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;

/** Passes everything through, and tells the selector whether the server ever opened the stream. */
final class WatchedTransport implements Transport {
    private final Transport delegate;
    private final Endpoint endpoint;
    private final EndpointSelector selector;

    WatchedTransport(Transport delegate, Endpoint endpoint, EndpointSelector selector) {
        this.delegate = delegate;
        this.endpoint = endpoint;
        this.selector = selector;
    }

    @Override
    public void open(String domain, TransportListener listener) {
        delegate.open(domain, new TransportListener() {
            private volatile boolean opened;

            @Override
            public void onStreamOpened(Element header) {
                if (!opened) {
                    opened = true;
                    selector.streamOpened(endpoint);
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
                if (!opened) {
                    selector.failedBeforeOpen(endpoint, failure);
                }
                listener.onClosed(failure);
            }
        });
    }

    @Override
    public void send(Element element) {
        delegate.send(element);
    }

    @Override
    public void restart() {
        delegate.restart();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void abort() {
        delegate.abort();
    }

    @Override
    public TransportKind kind() {
        return delegate.kind();
    }

    @Override
    public String endpoint() {
        return delegate.endpoint();
    }

    @Override
    public TrafficCounter traffic() {
        return delegate.traffic();
    }
}
