package dev.jitterbug.transport;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes and top-level elements each way: what a session acquisition or a reconnect costs on the wire. */
public final class TrafficCounter {
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong elementsSent = new AtomicLong();
    private final AtomicLong elementsReceived = new AtomicLong();

    public void sent(long bytes, int elements) {
        bytesSent.addAndGet(bytes);
        elementsSent.addAndGet(elements);
    }

    public void received(long bytes, int elements) {
        bytesReceived.addAndGet(bytes);
        elementsReceived.addAndGet(elements);
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public long elementsSent() {
        return elementsSent.get();
    }

    public long elementsReceived() {
        return elementsReceived.get();
    }
}
