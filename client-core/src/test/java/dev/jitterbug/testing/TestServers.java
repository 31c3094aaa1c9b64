package dev.jitterbug.testing;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers of a test class that runs against every {@link ServerKind}: each kind's server starts the first time a
 * test asks for it and serves the rest of the class ({@link #perClass()}) or that one test ({@link #perTest()}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestServers servers = TestServers.perClass().account("alice", "alice-pw");
 *
 * @ParameterizedTest
 * @EnumSource(ServerKind.class)
 * void somethingEveryServerMustDo(ServerKind kind) {
 *     XmppTestServer server = servers.get(kind);
 * }
 * }</pre>
 */
public final class TestServers implements AfterEachCallback, AfterAllCallback {
    private final boolean perTest;
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private final Map<ServerKind, XmppTestServer> running = new EnumMap<>(ServerKind.class);

    private TestServers(boolean perTest) {
        this.perTest = perTest;
    }

    public static TestServers perClass() {
        return new TestServers(false);
    }

    /**
     * A fresh server for each test, for tests whose server state must not carry over: ejabberd, for one, delivers
     * the messages a closed session never acknowledged (with a {@code <delay/>}) to the account's next session, which
     * may be the next test's.
     */
    public static TestServers perTest() {
        return new TestServers(true);
    }

    public TestServers account(String user, String password) {
        accounts.put(user, password);
        return this;
    }

    /** The server of this kind, started (with the accounts) if this is the first time it is asked for. */
    public synchronized XmppTestServer get(ServerKind kind) {
        return running.computeIfAbsent(kind, k -> {
            XmppTestServer server = k.create();
            try {
                accounts.forEach(server::account);
                return server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            closeAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeAll();
    }

    private synchronized void closeAll() {
        running.values().forEach(XmppTestServer::close);
        running.clear();
    }
}
