package dev.jitterbug.transport.websocket;

import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportContext;
import dev.jitterbug.transport.TransportType;
import java.net.URI;

/** XMPP over WebSocket (RFC 7395). */
public final class WebSocketType implements TransportType {
    @Override
    public TransportKind kind() {
        return TransportKind.WEBSOCKET;
    }

    @Override
    public String secureScheme() {
        return "wss";
    }

    @Override
    public String plainScheme() {
        return "ws";
    }

    @Override
    public String discoveryRel() {
        return "urn:xmpp:alt-connections:websocket";
    }

    /**
     * No WebSocket-level pings: Prosody 0.12.3 stops answering them on a connection that resumed a session (the
     * 10-minute soak showed a dead-link drop every two intervals after each resume). The session's own probe
     * (XEP-0198 {@code <r/>}, or XEP-0199 without stream management) watches the link, over every transport alike.
     */
    @Override
    public Transport create(URI endpoint, TransportContext context) {
        return new WebSocketTransport(context.http(), endpoint.toString(), context.limits(), 0);
    }
}
