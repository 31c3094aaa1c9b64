package dev.jitterbug;

import dev.jitterbug.TransportKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Where a session connects, how, and why this endpoint was chosen (shown in diagnostics). */
public final class Endpoint {
    private final URI uri;
    private final TransportKind kind;
    private final String reason;

    public Endpoint(URI uri, TransportKind kind, String reason) {
        this.uri = uri;
        this.kind = kind;
        this.reason = reason;
    }

    /** An endpoint from a URI: ws/wss means WebSocket, http/https means BOSH. */
    public static Endpoint fromUri(URI uri, String reason) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "ws", "wss" -> {
                return new Endpoint(uri, TransportKind.WEBSOCKET, reason);
            }
            case "http", "https" -> {
                return new Endpoint(uri, TransportKind.BOSH, reason);
            }
            default -> throw new IllegalArgumentException("'" + uri + "' is not a WebSocket (wss://) or BOSH "
                    + "(https://) address.");
        }
    }

    public URI uri() {
        return uri;
    }

    public TransportKind kind() {
        return kind;
    }

    /** Why this endpoint: "configured", "discovered via host-meta", "fallback: WebSocket failed …". */
    public String reason() {
        return reason;
    }

    /** Whether the connection is encrypted (wss/https). */
    public boolean isSecure() {
        return "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    /** Whether the host is on this machine's loopback interface (without a DNS lookup for names). */
    public boolean isLoopback() {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (!host.matches("[0-9.:\\[\\]a-fA-F]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return kind.label() + " " + uri + " (" + reason + ")";
    }
}
