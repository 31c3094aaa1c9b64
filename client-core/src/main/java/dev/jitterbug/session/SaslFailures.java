package dev.jitterbug.session;

import dev.jitterbug.Failure;
import dev.jitterbug.xml.Element;

/** Words SASL failures (RFC 6120 §6.5, XEP-0388) for people. */
final class SaslFailures {
    private SaslFailures() {
    }

    static Failure toFailure(Element failure, String username) {
        String condition = "not-authorized";
        for (Element child : failure.children()) {
            if (!"text".equals(child.name())) {
                condition = child.name();
                break;
            }
        }
        String serverText = failure.childText("text", failure.namespace());
        String detail = serverText == null || serverText.isEmpty() ? "" : " (the server said: \"" + serverText + "\")";
        switch (condition) {
            case "not-authorized":
                if (serverText != null && serverText.toLowerCase(java.util.Locale.ROOT).contains("unknown user")) {
                    return Failure.of(Failure.Kind.NOT_AUTHORIZED, "There is no account named '" + username
                            + "' on this server." + detail).withCondition("unknown-account");
                }
                return Failure.of(Failure.Kind.NOT_AUTHORIZED, "The password is wrong, or there is no account named '"
                        + username + "' on this server." + detail).withCondition(condition);
            case "account-disabled":
                return Failure.of(Failure.Kind.NOT_AUTHORIZED, "This account is disabled." + detail)
                        .withCondition(condition);
            case "credentials-expired":
                return Failure.of(Failure.Kind.NOT_AUTHORIZED, "The password has expired; change it and sign in again."
                        + detail).withCondition(condition);
            case "encryption-required":
                return Failure.of(Failure.Kind.TLS, "The server requires an encrypted connection for this login."
                        + detail).withCondition(condition);
            case "invalid-mechanism", "mechanism-too-weak":
                return Failure.of(Failure.Kind.NO_COMMON_MECHANISM, "The server refused our login method." + detail)
                        .withCondition(condition);
            case "temporary-auth-failure":
                return Failure.streamError(condition, null, "The server could not check the password right now."
                        + detail);
            default:
                return Failure.of(Failure.Kind.NOT_AUTHORIZED, "The server refused the login (" + condition + ")."
                        + detail).withCondition(condition);
        }
    }
}
