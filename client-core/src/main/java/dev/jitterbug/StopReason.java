package dev.jitterbug;

/** Why the client stopped reconnecting ({@link ConnectionState#STOPPED}): what the user has to do about it differs. */
public enum StopReason {
    /** The account signed in from another client with the same resource (stream error {@code conflict}). */
    SIGNED_IN_ELSEWHERE,
    /** The server refused the login: wrong password, unknown, disabled or expired account. */
    LOGIN_REFUSED,
    /** The HTTP proxy refused the proxy user name or password, or asked for one that is not set. */
    PROXY_LOGIN_REFUSED,
    /** The server offers no login method this client trusts. */
    NO_SAFE_LOGIN,
    /** The secure connection could not be verified (certificate, host name, redirect to plain text). */
    UNTRUSTED_SERVER,
    /** The server reports a policy violation; reconnecting would risk the account being blocked. */
    POLICY_VIOLATION,
    /** The server does not serve this domain, or refuses access to it (HTTP 401/403). */
    SERVER_REFUSES_ACCOUNT,
    /** The connection was closed on this device. */
    CLOSED_HERE
}
