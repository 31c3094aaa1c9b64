package dev.jitterbug.transport;

import dev.jitterbug.Failure;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Words failures of connections made through an HTTP proxy. With a proxy the client connects to the proxy only, so
 * a refused connection or an unknown name is the proxy's, and a {@code CONNECT} that is not answered 200 was refused
 * by the proxy: saying "the server" would send people to the wrong place.
 */
final class ProxyFailures {
    private static final String CONNECT_REFUSED = "Unexpected response code for CONNECT: ";

    private ProxyFailures() {
    }

    /** The sentence for a failure through {@code proxy} ("the proxy at host:port"), or null to word it as usual. */
    static Failure words(Throwable t, String endpoint, String proxy) {
        if (authentication(t) != null) {
            return null; // its own sentence names the proxy already
        }
        String theProxy = Character.toUpperCase(proxy.charAt(0)) + proxy.substring(1);
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return Failure.of(Failure.Kind.CONNECTION_REFUSED, theProxy + " could not be reached (it was to carry "
                    + endpoint + "); check the proxy settings.");
        }
        if (t instanceof UnknownHostException) {
            return Failure.of(Failure.Kind.UNKNOWN_HOST, "The name of " + proxy + " could not be found (it was to "
                    + "carry " + endpoint + "); check the proxy settings.");
        }
        String message = String.valueOf(t.getMessage());
        if (message.startsWith(CONNECT_REFUSED)) {
            String status = message.substring(CONNECT_REFUSED.length()).trim();
            if (status.equals("401") || status.equals("407")) {
                return Failure.of(Failure.Kind.PROXY_AUTHENTICATION, theProxy
                        + " refused the proxy user name or password (HTTP " + status + ").");
            }
            return Failure.of(Failure.Kind.CONNECTION_REFUSED, theProxy + " refused to connect to " + endpoint
                    + " (HTTP " + status + ").");
        }
        return null;
    }

    /** The proxy's refusal of our credentials somewhere in the causes, or null. */
    static ProxyAuthenticationException authentication(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProxyAuthenticationException) {
                return (ProxyAuthenticationException) cause;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (suppressed instanceof ProxyAuthenticationException) {
                    return (ProxyAuthenticationException) suppressed;
                }
            }
        }
        return null;
    }
}
