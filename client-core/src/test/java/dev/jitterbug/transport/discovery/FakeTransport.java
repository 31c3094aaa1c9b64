package dev.jitterbug.transport.discovery;

import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.List;

/** A transport the test drives: it records what was opened and sent, and the test plays its listener's events. */
final class FakeTransport implements Transport {
    private final TransportKind kind;
    final List<Element> sent = new ArrayList<>();
    TransportListener listener;
    String openedFor;

    FakeTransport(TransportKind kind) {
        this.kind = kind;
    }

    @Override
    public void open(String domain, TransportListener transportListener) {
        openedFor = domain;
        listener = transportListener;
    }

    @Override
    public void send(Element element) {
        sent.add(element);
    }

    @Override
    public void restart() {
    }

    @Override
    public void close() {
    }

    @Override
    public void abort() {
    }

    @Override
    public TransportKind kind() {
        return kind;
    }

    @Override
    public String endpoint() {
        return kind.label();
    }

    @Override
    public TrafficCounter traffic() {
        return new TrafficCounter();
    }
}
