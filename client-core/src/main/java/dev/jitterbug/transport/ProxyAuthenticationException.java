package dev.jitterbug.transport;

import java.io.IOException;

/**
 * A proxy refused the account's proxy user name or password, or asked for one the account does not have (HTTP
 * 407). Thrown by {@link ProxyChallenge} out of OkHttp's call, so the call ends at once instead of asking again; its
 * message is the sentence people see and never contains the password.
 */
public final class ProxyAuthenticationException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProxyAuthenticationException(String sentence) {
        super(sentence);
    }
}
