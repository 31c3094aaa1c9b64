package dev.jitterbug.transport;

import dev.jitterbug.TransportKind;
import java.net.URI;

/**
 * Everything the client knows about one kind of transport, in one place: its name, its URI schemes, the XEP-0156
 * link relation that publishes it, and how to make one. Adding a transport is one implementation of this plus one
 * entry in {@link TransportTypes}.
 */
public interface TransportType {
    TransportKind kind();

    /** The encrypted scheme ({@code wss}, {@code https}). */
    String secureScheme();

    /**
     * The plain scheme ({@code ws}, {@code http}): used on loopback only, or by an account that allows unencrypted
     * connections ({@code PlainTextRule}).
     */
    String plainScheme();

    /** The host-meta link relation that publishes endpoints of this kind (XEP-0156). */
    String discoveryRel();

    /** A new, unopened transport to {@code endpoint}. */
    Transport create(URI endpoint, TransportContext context);
}
