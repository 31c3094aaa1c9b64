package dev.jitterbug.transport.discovery;

import dev.jitterbug.transport.TransportType;

import dev.jitterbug.Endpoint;
import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.bosh.BoshType;
import dev.jitterbug.transport.websocket.WebSocketType;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The transports this client speaks, in order of preference: automatic choice takes the first one a server offers,
 * and falls back to the next within the same attempt when the first fails before the stream opens.
 */
public final class TransportTypes {
    private static final List<TransportType> ALL = Collections.unmodifiableList(Arrays.asList(
            new WebSocketType(),
            new BoshType()));

    private TransportTypes() {
    }

    /** Every transport, most preferred first. */
    public static List<TransportType> all() {
        return ALL;
    }

    public static TransportType of(TransportKind kind) {
        for (TransportType type : ALL) {
            if (type.kind() == kind) {
                return type;
            }
        }
        throw new IllegalArgumentException("no transport registered for " + kind);
    }

    /** The transport a discovery link relation names, or null. */
    public static TransportType forRel(String rel) {
        for (TransportType type : ALL) {
            if (type.discoveryRel().equals(rel)) {
                return type;
            }
        }
        return null;
    }

    /** The transport whose scheme the URI uses, or null. */
    public static TransportType forUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        for (TransportType type : ALL) {
            if (type.secureScheme().equals(scheme) || type.plainScheme().equals(scheme)) {
                return type;
            }
        }
        return null;
    }

    /** Whether the URI uses its transport's encrypted scheme. */
    public static boolean isSecure(URI uri) {
        TransportType type = forUri(uri);
        return type != null && type.secureScheme().equalsIgnoreCase(uri.getScheme());
    }

    /** An endpoint for a URI, its transport told by the scheme. */
    public static Endpoint endpoint(URI uri, String reason) {
        TransportType type = forUri(uri);
        if (type == null) {
            StringBuilder schemes = new StringBuilder();
            for (TransportType known : ALL) {
                schemes.append(schemes.length() == 0 ? "" : " or ").append("a ").append(known.kind().label())
                        .append(" (").append(known.secureScheme()).append("://)");
            }
            throw new IllegalArgumentException("'" + uri + "' is not " + schemes + " address.");
        }
        return new Endpoint(uri, type.kind(), isSecure(uri), reason);
    }
}
