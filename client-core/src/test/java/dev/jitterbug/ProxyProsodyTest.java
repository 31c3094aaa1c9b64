package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.config.FetchResult;
import dev.jitterbug.config.HttpRetryConfigFetcher;
import dev.jitterbug.config.LoopbackRetryConfigFetchers;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestCertificates;
import dev.jitterbug.testing.TestClients;
import dev.jitterbug.testing.TinyproxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real HTTP proxy (tinyproxy) between the client and a real Prosody: discovery, WebSocket and BOSH go through it;
 * a proxy that breaks the WebSocket upgrade costs no reconnect (BOSH within the same attempt); a proxy login that is
 * refused, or missing, stops the client with the proxy's reason after one attempt; a proxy that refuses this
 * machine, a tunnel, or is not there at all is named in the reason.
 */
class ProxyProsodyTest {
    private static final String PROXY_USER = "proxy-user";
    private static final String PROXY_PASSWORD = "proxy-pass-7f3a";

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass().account("alice", "alice-secret");

    private static TinyproxyServer open;
    private static TinyproxyServer authenticating;
    private static TinyproxyServer refusing;
    private static TinyproxyServer tunnelsTo443;

    private TestClients clients;

    @BeforeAll
    static void startProxies() {
        open = TinyproxyServer.create().start();
        authenticating = TinyproxyServer.create().basicAuth(PROXY_USER, PROXY_PASSWORD).start();
        refusing = TinyproxyServer.create().denyLoopbackClients().start();
        tunnelsTo443 = TinyproxyServer.create().tunnelsTo443Only().start();
    }

    @AfterAll
    static void stopProxies() {
        for (TinyproxyServer proxy : new TinyproxyServer[] {open, authenticating, refusing, tunnelsTo443}) {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    @BeforeEach
    void setUp() {
        clients = new TestClients(prosody.server());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void discoveryAndTheSessionGoThroughTheProxyAndABrokenWebSocketUpgradeFallsBackToBoshInTheSameAttempt()
            throws IOException {
        ProsodyServer server = prosody.server();
        publishHostMeta(server);
        RecordingListener events = new RecordingListener();
        JitterbugClient alice = clients.online(TestOnlyOptions.discoverFrom(clients.options("alice", null),
                server.httpBase()).proxy(ProxySetting.manual(open.host(), open.port())).build(), events);

        String base = server.httpBase().toString();
        assertThat(open.requests()).as("what the proxy carried").contains(
                "GET " + base + "/.well-known/host-meta.json HTTP/1.1",
                "GET " + server.webSocketUri().toString().replaceFirst("^ws:", "http:") + " HTTP/1.1",
                "POST " + server.boshUri() + " HTTP/1.1");
        // tinyproxy drops the hop-by-hop Upgrade and Connection headers of a plain-http request: Prosody answers
        // the WebSocket address like a web page, and BOSH takes over without a reconnect wait.
        assertThat(alice.endpoint().kind()).isEqualTo(TransportKind.BOSH);
        assertThat(alice.endpoint().reason()).startsWith("fallback to BOSH")
                .contains("did not accept a WebSocket connection (HTTP 101: Expected 'Connection' header value "
                        + "'Upgrade' but was 'null', through the proxy at " + open.host() + ":" + open.port());
        assertThat(events.states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
    }

    @Test
    void theRightProxyPasswordGetsThrough() {
        RecordingListener events = new RecordingListener();
        clients.online(clients.options("alice", prosody.server().boshUri()).proxy(ProxySetting.manual(
                authenticating.host(), authenticating.port(), PROXY_USER, PROXY_PASSWORD.toCharArray())).build(),
                events);
        assertThat(authenticating.requests()).as("the session went through the proxy")
                .contains("POST " + prosody.server().boshUri() + " HTTP/1.1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"WEBSOCKET", "BOSH"})
    void aWrongProxyPasswordStopsWithTheProxysReasonAfterOneAttempt(TransportKind transport) {
        // A path of its own: the proxy turns the request away before any server sees it, and the count below is not
        // disturbed by another test's client still closing through the same proxy.
        URI endpoint = endpoint(transport).resolve("/refused-" + transport.name().toLowerCase(java.util.Locale.ROOT));
        RecordingListener events = new RecordingListener();
        clients.start(clients.options("alice", endpoint).proxy(ProxySetting.manual(authenticating.host(),
                authenticating.port(), PROXY_USER, "wrong".toCharArray())).build(), events);

        ConnectionEvent stopped = events.awaitNth(ConnectionState.STOPPED, 1);
        // tinyproxy 1.11 answers wrong proxy credentials with 401 (not 407): either way it is the proxy's refusal.
        assertThat(stopped.failure().message()).isEqualTo("The proxy at " + authenticating.host() + ":"
                + authenticating.port() + " refused the proxy user name or password (HTTP 401).");
        assertThat(stopped.failure().kind()).isEqualTo(Failure.Kind.PROXY_AUTHENTICATION);
        assertThat(stopped.stopReason()).isEqualTo(StopReason.PROXY_LOGIN_REFUSED);
        assertThat(events.count(ConnectionState.CONNECTING)).as("one attempt, no retry loop").isEqualTo(1);
        assertThat(authenticating.requests()).as("asked without, then once with the password; never again")
                .filteredOn(request -> request.contains(endpoint.getPath())).hasSize(2);
    }

    @Test
    void aWebSocketThroughTheProxysTunnelKeepsItsUpgradeAndTheProxyLoginStaysWithTheProxy() throws Exception {
        try (MockWebServer server = TestCertificates.httpsServer(TestCertificates.signed(-TestCertificates.DAY,
                TestCertificates.DAY, "127.0.0.1"))) {
            URI secure = URI.create("wss://127.0.0.1:" + server.getPort() + "/xmpp-websocket");
            clients.start(clients.options("alice", secure).trustedCertificates(TestCertificates.TRUSTING_AUTHORITY)
                    .proxy(ProxySetting.manual(authenticating.host(), authenticating.port(), PROXY_USER,
                            PROXY_PASSWORD.toCharArray())).build(), new RecordingListener());

            RecordedRequest upgrade = server.takeRequest(30, TimeUnit.SECONDS);
            assertThat(upgrade).as("the upgrade reached the server through the tunnel").isNotNull();
            assertThat(upgrade.getHeaders().get("Upgrade")).isEqualTo("websocket");
            assertThat(upgrade.getHeaders().get("Proxy-Authorization")).as("the proxy login is not sent on").isNull();
            assertThat(authenticating.requests()).contains("CONNECT 127.0.0.1:" + server.getPort() + " HTTP/1.1");
        }
    }

    @Test
    void aProxyThatAsksForAPasswordTheAccountDoesNotHaveSaysSo() {
        RecordingListener events = new RecordingListener();
        clients.start(clients.options("alice", prosody.server().boshUri()).proxy(ProxySetting.manual(
                authenticating.host(), authenticating.port())).build(), events);

        ConnectionEvent stopped = events.awaitNth(ConnectionState.STOPPED, 1);
        assertThat(stopped.failure().message()).startsWith("The proxy at " + authenticating.host() + ":"
                + authenticating.port() + " asks for a user name and password (HTTP 407), and none is set for it");
        assertThat(events.count(ConnectionState.CONNECTING)).isEqualTo(1);
    }

    @Test
    void aProxyThatRefusesThisMachineIsNamedInTheReason() {
        RecordingListener events = new RecordingListener();
        clients.start(clients.options("alice", prosody.server().boshUri()).proxy(ProxySetting.manual(
                refusing.host(), refusing.port())).build(), events);

        Failure failure = events.awaitNth(ConnectionState.DISCONNECTED, 1).failure();
        assertThat(failure.message()).contains("the proxy at " + refusing.host() + ":" + refusing.port()
                + " refused the request").contains("HTTP 403");
        assertThat(refusing.log()).contains("Unauthorized connection from \"127.0.0.1\"");
    }

    @Test
    void aProxyThatRefusesTheTunnelIsNamedInTheReason() {
        // Nothing needs to listen there: the proxy refuses the tunnel before anything reaches the address.
        URI secure = URI.create("https://localhost:5281/http-bind");
        RecordingListener events = new RecordingListener();
        clients.start(clients.options("alice", secure).proxy(ProxySetting.manual(tunnelsTo443.host(),
                tunnelsTo443.port())).build(), events);

        Failure failure = events.awaitNth(ConnectionState.DISCONNECTED, 1).failure();
        assertThat(failure.message()).isEqualTo("The proxy at " + tunnelsTo443.host() + ":" + tunnelsTo443.port()
                + " refused to connect to " + secure + " (HTTP 403).");
        assertThat(tunnelsTo443.requests()).contains("CONNECT localhost:5281 HTTP/1.1");
    }

    @Test
    void aProxyThatIsNotThereIsNamedInTheReason() {
        TinyproxyServer gone = TinyproxyServer.create(); // a free port nothing listens on
        int port = gone.port();
        gone.close();
        RecordingListener events = new RecordingListener();
        clients.start(clients.options("alice", prosody.server().boshUri()).proxy(ProxySetting.manual("127.0.0.1",
                port)).build(), events);

        Failure failure = events.awaitNth(ConnectionState.DISCONNECTED, 1).failure();
        assertThat(failure.message()).isEqualTo("The proxy at 127.0.0.1:" + port + " could not be reached (it "
                + "was to carry " + prosody.server().boshUri() + "); check the proxy settings.");
    }

    @Test
    void theRetryConfigIsFetchedThroughTheAccountsProxy() throws Exception {
        Path folder = Files.createDirectories(prosody.server().filesDir().resolve(".well-known/jitterbug"));
        Files.writeString(folder.resolve("retry.json"), "{\"format\": 1, \"version\": \"via the proxy\", "
                + "\"backoff\": {\"algorithm\": \"full-jitter\", \"baseMillis\": 1000, \"capMillis\": 60000}}");
        String url = prosody.server().httpBase() + HttpRetryConfigFetcher.WELL_KNOWN_PATH;
        OkHttpClient app = new OkHttpClient();
        try {
            FetchResult fetched = fetch(LoopbackRetryConfigFetchers.plainHttp(app, url)
                    .withProxy(ProxySetting.manual(open.host(), open.port())));
            assertThat(fetched.kind()).isEqualTo(FetchResult.Kind.DOCUMENT);
            assertThat(fetched.body()).contains("via the proxy");
            assertThat(open.requests()).contains("GET " + url + " HTTP/1.1");

            FetchResult refused = fetch(LoopbackRetryConfigFetchers.plainHttp(app, url).withProxy(ProxySetting.manual(
                    authenticating.host(), authenticating.port(), PROXY_USER, "wrong".toCharArray())));
            assertThat(refused.kind()).isEqualTo(FetchResult.Kind.FAILED);
            assertThat(refused.message()).isEqualTo("fetching the config from " + url + " failed: The proxy at "
                    + authenticating.host() + ":" + authenticating.port()
                    + " refused the proxy user name or password (HTTP 401).");
        } finally {
            app.dispatcher().executorService().shutdown();
            app.connectionPool().evictAll();
        }
    }

    private static FetchResult fetch(HttpRetryConfigFetcher fetcher) throws Exception {
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        fetcher.fetch(null, result::complete);
        return result.get(20, TimeUnit.SECONDS);
    }

    private static URI endpoint(TransportKind transport) {
        return transport == TransportKind.WEBSOCKET ? prosody.server().webSocketUri() : prosody.server().boshUri();
    }

    private static void publishHostMeta(ProsodyServer server) throws IOException {
        Path wellKnown = Files.createDirectories(server.filesDir().resolve(".well-known"));
        Files.writeString(wellKnown.resolve("host-meta.json"), """
                {"links": [
                  {"rel": "urn:xmpp:alt-connections:xbosh", "href": "%s"},
                  {"rel": "urn:xmpp:alt-connections:websocket", "href": "%s"}
                ]}""".formatted(server.boshUri(), server.webSocketUri()), StandardCharsets.UTF_8);
    }
}
