package dev.jitterbug.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real {@link ProsodyServer} for a test class ({@link #perClass()}) or for each test ({@link #perTest()}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProsodyExtension prosody = ProsodyExtension.perClass().account("alice", "alice-pw");
 * }</pre>
 */
public final class ProsodyExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final boolean perTest;
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private ProsodyServer server;

    private ProsodyExtension(boolean perTest) {
        this.perTest = perTest;
    }

    public static ProsodyExtension perClass() {
        return new ProsodyExtension(false);
    }

    public static ProsodyExtension perTest() {
        return new ProsodyExtension(true);
    }

    public ProsodyExtension account(String user, String password) {
        accounts.put(user, password);
        return this;
    }

    /** A raw Lua global setting, e.g. {@code setting("smacks_hibernation_time", "30")}. */
    public ProsodyExtension setting(String key, String luaValue) {
        settings.put(key, luaValue);
        return this;
    }

    public ProsodyServer server() {
        if (server == null) {
            throw new IllegalStateException("Prosody is not running yet (register the extension with @RegisterExtension)");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            startServer();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perTest) {
            stopServer();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest) {
            startServer();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stopServer();
        }
    }

    private void startServer() {
        server = ProsodyServer.create(new LinkedHashMap<>(settings));
        accounts.forEach(server::account);
        server.start();
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
