package dev.jitterbug.reconnect;

import dev.jitterbug.Failure;
import dev.jitterbug.FailureCategory;
import dev.jitterbug.StopReason;

/**
 * Decides what a {@link Failure} means for reconnecting. The table is in the README ("Reconnect design"); the rules
 * in short: a local blip retries quickly, anything the server side may have caused is spread and backed off,
 * {@code see-other-host} is followed, and only failures that a retry cannot fix stop the reconnector.
 */
public final class FailureClassifier {
    private FailureClassifier() {
    }

    public static FailureClassification classify(Failure failure) {
        if (failure == null) {
            throw new IllegalArgumentException("cannot classify a missing failure");
        }
        switch (failure.kind()) {
            case NETWORK_CHANGED:
                return blip("the network changed on this device");
            case DEAD_LINK:
                return blip("the link stopped answering pings");
            case UNKNOWN_HOST:
                return serverSide("the server's name could not be resolved");
            case CONNECTION_REFUSED:
                return serverSide("the server refused the connection or could not be reached");
            case CONNECTION_LOST:
                return serverSide("the connection was reset");
            case RESUME_REFUSED:
                return serverSide("the server no longer has the session (it restarted, or another node took over)");
            case TIMEOUT:
                return serverSide("the server did not answer in time");
            case HTTP_ERROR:
                return classifyHttp(failure.httpStatus());
            case STREAM_ERROR:
                return classifyStreamError(failure);
            case STREAM_CLOSED:
                return serverSide("the server closed the stream");
            case BAD_XML:
                return serverSide("the server sent XML we refuse to process");
            case PROTOCOL_VIOLATION:
                return serverSide("the server broke the protocol");
            case NOT_AUTHORIZED:
                return classifyAuthFailure(failure.condition());
            case PROXY_AUTHENTICATION:
                // Asking again with the same user name and password would only be refused again (and may lock it).
                return fatal(StopReason.PROXY_LOGIN_REFUSED, "the proxy refused the proxy login");
            case NO_COMMON_MECHANISM:
                return fatal(StopReason.NO_SAFE_LOGIN, "the server offers no login method this client trusts");
            case TLS:
                return fatal(StopReason.UNTRUSTED_SERVER, "the secure connection could not be verified");
            case LOCAL_CLOSE:
                return fatal(StopReason.CLOSED_HERE, "the connection was closed on this device");
            default:
                return serverSide("unexpected failure " + failure.kind());
        }
    }

    /**
     * Whether the failure may have ended only the link, leaving the session alive on the server (a reset, a dead
     * link, a network change, a timeout): then a resume is worth trying at once. A stream the server ended (an error,
     * a close) or refused took the session with it.
     */
    public static boolean sessionMaySurvive(Failure failure) {
        switch (failure.kind()) {
            case NETWORK_CHANGED:
            case DEAD_LINK:
            case CONNECTION_LOST:
            case TIMEOUT:
                return true;
            default:
                return false;
        }
    }

    private static FailureClassification classifyHttp(int status) {
        if (status == 401 || status == 403) {
            return fatal(StopReason.SERVER_REFUSES_ACCOUNT, "the server refused access (HTTP " + status + ")");
        }
        if (status == 429) {
            return serverSide("the server is rate limiting (HTTP 429)");
        }
        if (status >= 500) {
            return serverSide("the server failed (HTTP " + status + ")");
        }
        // Other statuses (404 from a load balancer during a deploy, 408 …) can be transient: back off, do not stop.
        return serverSide("the server answered HTTP " + status);
    }

    private static FailureClassification classifyStreamError(Failure failure) {
        String condition = failure.condition() == null ? "undefined-condition" : failure.condition();
        switch (condition) {
            case "see-other-host":
                return failure.redirect() == null
                        ? serverSide("the server redirected without saying where")
                        : new FailureClassification(FailureCategory.REDIRECT, null,
                                "the server sent us to " + failure.redirect());
            case "conflict":
                return fatal(StopReason.SIGNED_IN_ELSEWHERE, "this account signed in from another client with the same resource");
            case "not-authorized":
                return fatal(StopReason.LOGIN_REFUSED, "the server no longer accepts this login");
            case "policy-violation":
                // Reconnecting after a policy violation is how accounts get blocked: stop and let the user decide.
                return fatal(StopReason.POLICY_VIOLATION, "the server reports a policy violation");
            case "host-unknown":
            case "host-gone":
                return fatal(StopReason.SERVER_REFUSES_ACCOUNT, "the server does not serve this domain");
            case "system-shutdown":
                return serverSide("the server is shutting down");
            default:
                return serverSide("the server ended the stream (" + condition + ")");
        }
    }

    private static FailureClassification classifyAuthFailure(String condition) {
        if ("temporary-auth-failure".equals(condition)) {
            return serverSide("the server could not check the login right now");
        }
        if ("account-disabled".equals(condition)) {
            return fatal(StopReason.LOGIN_REFUSED, "the account is disabled");
        }
        if ("credentials-expired".equals(condition)) {
            return fatal(StopReason.LOGIN_REFUSED, "the password has expired");
        }
        return fatal(StopReason.LOGIN_REFUSED, "the server rejected the login (wrong password or unknown account)");
    }

    private static FailureClassification blip(String reason) {
        return new FailureClassification(FailureCategory.LOCAL_BLIP, null, reason);
    }

    private static FailureClassification serverSide(String reason) {
        return new FailureClassification(FailureCategory.SERVER_SIDE, null, reason);
    }

    private static FailureClassification fatal(StopReason why, String reason) {
        return new FailureClassification(FailureCategory.FATAL, why, reason);
    }
}
