package dev.jitterbug;

import java.util.Arrays;

/**
 * Which HTTP proxy an account's connections go through (WebSocket, BOSH, discovery, the retry-config fetch).
 *
 * <ul>
 *   <li>{@link #system()} (the default): the machine's settings. On Linux the {@code https_proxy}, {@code http_proxy},
 *       {@code all_proxy} and {@code no_proxy} variables (either case); otherwise Java's own proxy selection
 *       ({@code -Dhttps.proxyHost}, or the desktop's settings with {@code -Djava.net.useSystemProxies=true}).
 *       Loopback addresses are never sent to a system proxy.
 *   <li>{@link #none()}: always direct.
 *   <li>{@link #manual}: this proxy for every address, loopback included; optionally with a user name and password
 *       sent as HTTP Basic proxy authentication when the proxy asks (once: a proxy that refuses them stops the
 *       client with a clear reason instead of retrying in a loop).
 * </ul>
 *
 * Immutable. The password never appears in {@link #toString()}.
 */
public final class ProxySetting {
    /** How the proxy is chosen. */
    public enum Mode {
        /** The machine's proxy settings (environment, then Java's). */
        SYSTEM,
        /** No proxy. */
        NONE,
        /** One proxy given by the account. */
        MANUAL
    }

    private static final ProxySetting SYSTEM = new ProxySetting(Mode.SYSTEM, null, 0, null, null);
    private static final ProxySetting NONE = new ProxySetting(Mode.NONE, null, 0, null, null);

    private final Mode mode;
    private final String host;
    private final int port;
    private final String user;
    private final char[] password;

    private ProxySetting(Mode mode, String host, int port, String user, char[] password) {
        this.mode = mode;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static ProxySetting system() {
        return SYSTEM;
    }

    public static ProxySetting none() {
        return NONE;
    }

    /** An HTTP proxy without authentication. */
    public static ProxySetting manual(String host, int port) {
        return manual(host, port, null, null);
    }

    /**
     * An HTTP proxy that may ask for a user name and password (HTTP Basic). A null or empty user means none; the
     * password is copied.
     *
     * @throws IllegalArgumentException for an empty host or a port outside 1–65535
     */
    public static ProxySetting manual(String host, int port, String user, char[] password) {
        if (host == null || host.trim().isEmpty()) {
            throw new IllegalArgumentException("A proxy needs a host name or address.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("A proxy port is 1 to 65535, not " + port + ".");
        }
        boolean hasUser = user != null && !user.isEmpty();
        return new ProxySetting(Mode.MANUAL, host.trim(), port, hasUser ? user : null,
                hasUser && password != null ? password.clone() : null);
    }

    public Mode mode() {
        return mode;
    }

    /** The manual proxy's host, or null. */
    public String host() {
        return host;
    }

    /** The manual proxy's port, or 0. */
    public int port() {
        return port;
    }

    /** The user name for the manual proxy, or null when it needs none. */
    public String user() {
        return user;
    }

    /**
     * A copy of the manual proxy's password (empty when none), for the code that answers the proxy's challenge.
     * Never log it.
     */
    public char[] password() {
        return password == null ? new char[0] : password.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProxySetting)) {
            return false;
        }
        ProxySetting other = (ProxySetting) o;
        return mode == other.mode && port == other.port && equal(host, other.host) && equal(user, other.user)
                && Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return (mode.hashCode() * 31 + (host == null ? 0 : host.hashCode())) * 31 + port;
    }

    /** {@code SYSTEM}, {@code NONE} or {@code MANUAL host:port [as user]}: never the password. */
    @Override
    public String toString() {
        return mode == Mode.MANUAL ? "MANUAL " + host + ":" + port + (user != null ? " as " + user : "")
                : mode.name();
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
