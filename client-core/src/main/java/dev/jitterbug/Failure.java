package dev.jitterbug;

/**
 * Why a connection ended or a connection attempt failed, with a sentence a person understands.
 *
 * <p>Transports and the session produce these; the reconnector classifies them (retry soon, spread out, follow a
 * redirect, or stop); the UI shows {@link #message()}.
 */
public final class Failure {
    /** What went wrong, in the terms the reconnector decides on. */
    public enum Kind {
        /** The OS reported the network went away or changed (a local blip). */
        NETWORK_CHANGED,
        /** Pings went unanswered: the link is dead (packets vanish). */
        DEAD_LINK,
        /** The server's address could not be resolved. */
        UNKNOWN_HOST,
        /** Nothing listens at the server's address (refused), or it could not be reached. */
        CONNECTION_REFUSED,
        /** An established connection was reset or closed without a stream close. */
        CONNECTION_LOST,
        /** The server no longer has the session we tried to resume (it restarted, or another node took over). */
        RESUME_REFUSED,
        /** A request or the login took longer than allowed. */
        TIMEOUT,
        /** The HTTP endpoint answered with an error status (see {@link #httpStatus()}). */
        HTTP_ERROR,
        /** The server ended the stream with an error condition (see {@link #condition()}). */
        STREAM_ERROR,
        /** The server closed the stream in an orderly way. */
        STREAM_CLOSED,
        /** The peer sent XML we refuse to process (DTD, too big, too deep, not well-formed). */
        BAD_XML,
        /** The server's answer broke the protocol (unexpected element, bad BOSH body, impossible counter). */
        PROTOCOL_VIOLATION,
        /** Wrong password or unknown account: retrying cannot help. */
        NOT_AUTHORIZED,
        /** The HTTP proxy refused the proxy user name or password, or asked for one the account lacks (407). */
        PROXY_AUTHENTICATION,
        /** The server and client share no safe authentication mechanism. */
        NO_COMMON_MECHANISM,
        /** A TLS handshake or certificate check failed. */
        TLS,
        /** The user signed out or the app asked to disconnect. */
        LOCAL_CLOSE
    }

    private final Kind kind;
    private final String condition;
    private final int httpStatus;
    private final long retryAfterMillis;
    private final String redirect;
    private final String message;

    private Failure(Kind kind, String condition, int httpStatus, long retryAfterMillis, String redirect,
            String message) {
        this.kind = kind;
        this.condition = condition;
        this.httpStatus = httpStatus;
        this.retryAfterMillis = retryAfterMillis;
        this.redirect = redirect;
        this.message = message;
    }

    public static Failure of(Kind kind, String message) {
        return new Failure(kind, null, 0, -1, null, message);
    }

    /** A stream error ({@code conflict}, {@code system-shutdown}, {@code see-other-host} …). */
    public static Failure streamError(String condition, String redirect, String message) {
        return new Failure(Kind.STREAM_ERROR, condition, 0, -1, redirect, message);
    }

    /** An HTTP error status, with the server's {@code Retry-After} in milliseconds or -1. */
    public static Failure http(int status, long retryAfterMillis, String message) {
        return new Failure(Kind.HTTP_ERROR, null, status, retryAfterMillis, null, message);
    }

    /** The same failure with a SASL or stream condition attached. */
    public Failure withCondition(String newCondition) {
        return new Failure(kind, newCondition, httpStatus, retryAfterMillis, redirect, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The XMPP condition name (stream error or SASL failure), or {@code null}. */
    public String condition() {
        return condition;
    }

    /** The HTTP status for {@link Kind#HTTP_ERROR}, else 0. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the server asked us to wait ({@code Retry-After}), or -1 when it did not say. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** Where {@code see-other-host} (or a WebSocket {@code see-other-uri}) sends us, or {@code null}. */
    public String redirect() {
        return redirect;
    }

    /** A sentence for people: what happened, without jargon where possible. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return kind + (condition != null ? "(" + condition + ")" : "") + (httpStatus != 0 ? "(" + httpStatus + ")" : "")
                + ": " + message;
    }
}
