package dev.jitterbug;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Where a session connects, how, and why this endpoint was chosen (shown in diagnostics). */
public final class Endpoint {
    private final URI uri;
    private final TransportKind kind;
    private final boolean secure;
    private final String reason;

    /** @param secure whether the URI uses its transport's encrypted scheme ({@code wss}, {@code https}) */
    public Endpoint(URI uri, TransportKind kind, boolean secure, String reason) {
        this.uri = uri;
        this.kind = kind;
        this.secure = secure;
        this.reason = reason;
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
        return secure;
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
