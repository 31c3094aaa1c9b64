package dev.jitterbug.transport;

import dev.jitterbug.Failure;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Words network exceptions for people and sorts them into {@link Failure.Kind}s. */
public final class IoFailures {
    private IoFailures() {
    }

    public static Failure toFailure(Throwable t, String endpoint) {
        if (t instanceof UnknownHostException) {
            return Failure.of(Failure.Kind.UNKNOWN_HOST, "The server's name could not be found (" + endpoint + ").");
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return Failure.of(Failure.Kind.CONNECTION_REFUSED, "The server could not be reached (" + endpoint + ").");
        }
        if (t instanceof SSLException) {
            return Failure.of(Failure.Kind.TLS, "A secure connection to " + endpoint + " could not be established: "
                    + t.getMessage());
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
        String sentence = status >= 500
                ? "The server is having trouble (HTTP " + status + " from " + endpoint + ")."
                : "The server refused the connection (HTTP " + status + " from " + endpoint + ").";
        long retryAfterMillis = retryAfterMillis(retryAfter);
        if (retryAfterMillis >= 0) {
            sentence += " It asked us to wait " + retryAfterMillis / 1000 + " s.";
        }
        return Failure.http(status, retryAfterMillis, sentence);
    }
}
