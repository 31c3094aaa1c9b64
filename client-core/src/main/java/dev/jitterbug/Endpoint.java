package dev.jitterbug;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

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

    /**
     * Whether the host is on this machine's loopback interface: {@code localhost}, {@code 127.x.x.x} or
     * {@code [::1]}. Decided from the address as written, never by a DNS lookup (a name that resolves to 127.0.0.1
     * today may resolve elsewhere when the connection is made).
     */
    public boolean isLoopback() {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]") && h.indexOf(':') > 0) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // an IPv6 literal: parsed, never looked up
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return kind.label() + " " + uri + " (" + reason + ")";
    }
}
