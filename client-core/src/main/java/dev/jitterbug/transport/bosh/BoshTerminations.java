package dev.jitterbug.transport.bosh;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.StreamErrors;
import dev.jitterbug.xml.Element;

/** XEP-0124 §17 / XEP-0206: what a {@code type='terminate'} body means, in the reconnector's terms. */
final class BoshTerminations {
    private BoshTerminations() {
    }

    static Failure toFailure(Element body) {
        Element streamError = body.child("error", Namespaces.STREAMS);
        if (streamError != null) {
            return StreamErrors.toFailure(streamError);
        }
        String condition = body.attr("condition");
        if (condition == null) {
            return Failure.of(Failure.Kind.STREAM_CLOSED, "The server closed the session.");
        }
        return switch (condition) {
            case "system-shutdown" -> Failure.streamError(condition, null,
                    "The server is shutting down or restarting.");
            case "see-other-uri" -> Failure.streamError("see-other-host", body.childText("uri", Namespaces.HTTPBIND),
                    "The server asked us to connect elsewhere.");
            // The session is unknown to the connection manager: it restarted or forgot us. A new login is needed.
            case "item-not-found" -> Failure.of(Failure.Kind.CONNECTION_LOST,
                    "The server no longer knows this session (it may have restarted).");
            case "remote-connection-failed", "host-gone" -> Failure.of(Failure.Kind.CONNECTION_REFUSED,
                    "The connection manager could not reach the XMPP server (" + condition + ").");
            case "internal-server-error", "undefined-condition", "remote-stream-error" -> Failure.streamError(
                    condition, null, "The server had an internal error (" + condition + ").");
            case "policy-violation" -> Failure.streamError(condition, null,
                    "The server ended the session because of a policy violation (too many requests?).");
            case "host-unknown" -> Failure.streamError(condition, null, "The server does not serve this domain.");
            default -> Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
                    "The server ended the BOSH session: " + condition + ".");
        };
    }
}
