package dev.jitterbug.testing;

import java.net.URI;

/**
 * A real XMPP server for a test, on free loopback ports with its own config, data and log folder: WebSocket and BOSH
 * on one HTTP port, XEP-0198 with resumption, MAM, MUC with MAM, roster versioning, SCRAM. It can be killed
 * ({@code SIGKILL}), stopped and started again on the same ports and data. {@link #close()} ends the process and
 * deletes the folder. Two implementations: {@link ProsodyServer} and {@link EjabberdServer}; {@link ServerKind}
 * makes either, and {@link TestServers} runs one of each kind a test class asks for.
 */
public interface XmppTestServer extends AutoCloseable {
    String DOMAIN = "localhost";
    String MUC_DOMAIN = "conference.localhost";

    ServerKind kind();

    /** Adds an account; works before and after {@link #start()}. */
    XmppTestServer account(String user, String password);

    /** Starts the server (again, on the same ports and data) and waits until it serves. */
    XmppTestServer start();

    /** SIGKILL: the node dies without closing any stream. */
    void kill();

    /** SIGTERM: the server closes its streams and exits. */
    void stop();

    /** Stops, then starts again on the same ports with the same data. */
    default void restart() {
        stop();
        start();
    }

    boolean isRunning();

    default String domain() {
        return DOMAIN;
    }

    default String mucDomain() {
        return MUC_DOMAIN;
    }

    default String jid(String user) {
        return user + "@" + DOMAIN;
    }

    String password(String user);

    /** The port that serves WebSocket and BOSH. */
    int httpPort();

    default URI httpBase() {
        return URI.create("http://127.0.0.1:" + httpPort());
    }

    default URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + httpPort() + "/xmpp-websocket");
    }

    default URI boshUri() {
        return URI.create("http://127.0.0.1:" + httpPort() + "/http-bind");
    }

    /** The last lines of the server's logs, for failure messages. */
    String logTail();

    @Override
    void close();
}
