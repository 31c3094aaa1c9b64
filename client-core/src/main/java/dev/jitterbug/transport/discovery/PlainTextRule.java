package dev.jitterbug.transport.discovery;

import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.TransportKind;
import java.net.URI;
import java.util.List;

/**
 * The one rule for unencrypted addresses ({@code ws://}, {@code http://}): allowed to this machine's loopback
 * interface ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}), and to any other host only for an account whose
 * options say {@code insecureUnencryptedConnectionsForThisAccount}. {@link EndpointSelector} applies it to every
 * endpoint it hands out: configured, discovered, a fallback, a redirect. A refusal is a {@link Failure.Kind#TLS}
 * failure, so the reconnector stops instead of retrying, with a sentence that says what to do.
 */
public final class PlainTextRule {
    private final boolean allowedToAnyHost;

    private PlainTextRule(boolean allowedToAnyHost) {
        this.allowedToAnyHost = allowedToAnyHost;
    }

    /**
     * @param insecureUnencryptedConnectionsForThisAccount the account's loud setting: plain text to any host
     */
    public static PlainTextRule forAccount(boolean insecureUnencryptedConnectionsForThisAccount) {
        return new PlainTextRule(insecureUnencryptedConnectionsForThisAccount);
    }

    /** Whether the client may connect here: encrypted, on this machine, or allowed for the account. */
    public boolean permits(Endpoint endpoint) {
        return endpoint.isSecure() || endpoint.isLoopback() || allowedToAnyHost;
    }

    /** Why an address given in the options (or typed in a login form) is refused. */
    public Failure refusal(Endpoint configured) {
        return Failure.of(Failure.Kind.TLS, refusedSentence(configured) + "; use "
                + TransportTypes.of(configured.kind()).secureScheme() + "://…, or allow unencrypted connections for "
                + "this account.");
    }

    /** Why a server's redirect ({@code see-other-host}) to an unencrypted address elsewhere is not followed. */
    Failure redirectRefusal(Endpoint target) {
        return Failure.of(Failure.Kind.TLS, "The server redirected us to an unencrypted address; "
                + refusedSentence(target) + ".");
    }

    /**
     * Why a domain that publishes only unencrypted addresses for other hosts (of the transport the settings allow,
     * {@code transport}, or of any when null) cannot be used.
     */
    Failure publishedRefusal(String source, TransportKind transport, List<URI> refused) {
        return Failure.of(Failure.Kind.TLS, "Jitterbug refuses to connect to " + refused.get(0).getHost()
                + " without encryption: " + source + " lists only unencrypted "
                + (transport == null ? "" : transport.label() + " ") + "addresses (" + list(refused) + "). Ask the "
                + "server's operator for wss:// or https:// addresses, or allow unencrypted connections for this "
                + "account.");
    }

    /** Links as a comma-separated list. */
    static String list(List<URI> links) {
        StringBuilder text = new StringBuilder();
        for (URI link : links) {
            text.append(text.length() == 0 ? "" : ", ").append(link);
        }
        return text.toString();
    }

    private static String refusedSentence(Endpoint endpoint) {
        return "Jitterbug refuses to connect to " + endpoint.uri().getHost() + " without encryption ("
                + endpoint.uri() + ")";
    }
}
