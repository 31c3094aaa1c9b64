package dev.jitterbug.transport;

import dev.jitterbug.TransportKind;
import dev.jitterbug.xml.Element;

/**
 * Moves complete top-level XMPP elements between client and server. WebSocket (RFC 7395) and BOSH (XEP-0124/0206)
 * differ only here; everything above (SASL, binding, stream management, IM) is the same code for both.
 *
 * <p>Events for one transport arrive in order on one thread at a time; {@link TransportListener#onClosed} is
 * delivered exactly once and is the last event.
 */
public interface Transport {
    /** Connects and opens the XMPP stream to {@code domain}; the answer arrives as onStreamOpened. */
    void open(String domain, TransportListener listener);

    /** Sends a stanza or nonza. Safe to call from any thread; ignored after close. */
    void send(Element element);

    /** Restarts the stream after SASL (a new {@code <open/>}, or a BOSH {@code xmpp:restart} request). */
    void restart();

    /** Closes the stream in an orderly way; the server is told and onClosed follows. */
    void close();

    /** Drops the connection at once (timeouts, aborting an attempt). onClosed follows with LOCAL_CLOSE. */
    void abort();

    TransportKind kind();

    /** The endpoint URI in use, for diagnostics. */
    String endpoint();

    /** Traffic counters since {@link #open}. */
    TrafficCounter traffic();
}
