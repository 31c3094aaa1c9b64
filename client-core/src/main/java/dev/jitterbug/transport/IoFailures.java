package dev.jitterbug.transport;

import dev.jitterbug.Failure;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Words network exceptions for people and sorts them into {@link Failure.Kind}s. The sentence leaves the technical
 * detail out, so the exception itself goes to the logger {@code dev.jitterbug.causes} at DEBUG, stack trace and
 * causes included, for whoever diagnoses a connection.
 */
public final class IoFailures {
    private static final Logger CAUSES = LoggerFactory.getLogger("dev.jitterbug.causes");

    private IoFailures() {
    }

    /** Logs the exception behind a failure (logger {@code dev.jitterbug.causes}, DEBUG). */
    public static void logCause(String what, Throwable t) {
        CAUSES.debug("{}", what, t);
    }

    public static Failure toFailure(Throwable t, String endpoint) {
        return toFailure(t, endpoint, null);
    }

    /**
     * As {@link #toFailure(Throwable, String)} for a connection made through {@code proxy} ("the proxy at
     * host:port", from {@link HttpProxies#describe}, or null for a direct one): then what could not be reached, or
     * refused, is the proxy, and the sentence says so.
     */
    public static Failure toFailure(Throwable t, String endpoint, String proxy) {
        Failure failure = proxy == null ? null : ProxyFailures.words(t, endpoint, proxy);
        if (failure == null) {
            failure = words(t, endpoint);
        }
        logCause(endpoint + ": " + failure, t);
        return failure;
    }

    private static Failure words(Throwable t, String endpoint) {
        ProxyAuthenticationException refused = ProxyFailures.authentication(t);
        if (refused != null) {
            return Failure.of(Failure.Kind.PROXY_AUTHENTICATION, refused.getMessage());
        }
        if (t instanceof UnknownHostException) {
            return Failure.of(Failure.Kind.UNKNOWN_HOST, "The server's name could not be found (" + endpoint + ").");
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return Failure.of(Failure.Kind.CONNECTION_REFUSED, "The server could not be reached (" + endpoint + ").");
        }
        if (t instanceof SSLException) {
            return Failure.of(Failure.Kind.TLS, "A secure connection to " + endpoint + " could not be established: "
                    + tlsReason((SSLException) t, hostOf(endpoint)) + ".");
        }
        if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("ping") || message.contains("pong")) {
                return Failure.of(Failure.Kind.DEAD_LINK, "The connection stopped answering (no reply to pings).");
            }
            return Failure.of(Failure.Kind.TIMEOUT, "The server took too long to answer.");
        }
        return Failure.of(Failure.Kind.CONNECTION_LOST, "The connection to the server was lost ("
                + t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : "") + ").");
    }

    /**
     * Why a TLS handshake was refused, as a clause for people ("the server's certificate has expired"); the
     * exception's own text when it is none of the usual reasons.
     */
    public static String tlsReason(SSLException e, String host) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof SSLPeerUnverifiedException && message.startsWith("Hostname ")) {
            // OkHttp's hostname verifier refused it; its text lists the names the certificate is for.
            String names = between(message, "subjectAltNames: [", "]");
            return "the server's certificate is for another name" + (names.isEmpty() ? "" : " (" + names + ")")
                    + ", not " + host;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException || isReason(cause, BasicReason.EXPIRED)) {
                return "the server's certificate has expired";
            }
            if (cause instanceof CertificateNotYetValidException || isReason(cause, BasicReason.NOT_YET_VALID)) {
                return "the server's certificate is not valid yet (is this device's clock right?)";
            }
            if (cause instanceof CertPathBuilderException) {
                return "the server's certificate is not signed by an authority this device trusts";
            }
        }
        return message;
    }

    private static boolean isReason(Throwable t, BasicReason reason) {
        return t instanceof CertPathValidatorException && ((CertPathValidatorException) t).getReason() == reason;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = from < 0 ? -1 : text.indexOf(end, from + start.length());
        return to < 0 ? "" : text.substring(from + start.length(), to);
    }

    private static String hostOf(String endpoint) {
        try {
            String host = URI.create(endpoint).getHost();
            return host != null ? host : endpoint;
        } catch (IllegalArgumentException e) {
            return endpoint;
        }
    }

    /** Parses an HTTP {@code Retry-After} given in seconds (dates are rare from XMPP servers); -1 when absent. */
    public static long retryAfterMillis(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim())) * 1000L;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static Failure httpStatus(int status, String retryAfter, String endpoint) {
        return httpStatus(status, retryAfter, endpoint, null);
    }

    /** As {@link #httpStatus(int, String, String)}, naming the proxy the request went through (or null). */
    public static Failure httpStatus(int status, String retryAfter, String endpoint, String proxy) {
        String from = endpoint + (proxy == null ? "" : ", through " + proxy);
        String sentence = status >= 500
                ? "The server is having trouble (HTTP " + status + " from " + from + ")."
                : (proxy == null ? "The server" : "The server or " + proxy) + " refused the connection (HTTP "
                        + status + " from " + from + ").";
        long retryAfterMillis = retryAfterMillis(retryAfter);
        if (retryAfterMillis >= 0) {
            sentence += " It asked us to wait " + retryAfterMillis / 1000 + " s.";
        }
        return Failure.http(status, retryAfterMillis, sentence);
    }
}
