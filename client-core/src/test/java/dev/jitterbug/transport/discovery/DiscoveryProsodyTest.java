package dev.jitterbug.transport.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.TestOnlyOptions;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import dev.jitterbug.TransportKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0156 against Prosody's own http_files: the client reads host-meta the test writes and connects by it. */
class DiscoveryProsodyTest {
    private static final RetryConfig QUICK = QuickRetry.CONFIG;

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private TestClients clients;

    @BeforeEach
    void setUp() throws IOException {
        clients = new TestClients(prosody.server());
        Files.createDirectories(wellKnown());
        Files.deleteIfExists(wellKnown().resolve("host-meta.json"));
        Files.deleteIfExists(wellKnown().resolve("host-meta"));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void findsTheWebSocketLinkInHostMetaJsonAndChatsOverIt() throws IOException {
        ProsodyServer server = prosody.server();
        writeJson(server.webSocketUri(), server.boshUri());
        RecordingListener aliceEvents = new RecordingListener();
        JitterbugClient alice = clients.online(discovering("alice"), aliceEvents);

        assertThat(alice.endpoint().kind()).isEqualTo(TransportKind.WEBSOCKET);
        assertThat(alice.endpoint().uri()).isEqualTo(server.webSocketUri());
        assertThat(alice.endpoint().reason()).isEqualTo("discovered via " + server.httpBase()
                + "/.well-known/host-meta.json; WebSocket preferred");

        RecordingListener bobEvents = new RecordingListener();
        JitterbugClient bob = clients.online(clients.options("bob", server.boshUri()).retryConfig(QUICK).build(),
                bobEvents);
        bob.sendMessage(Jid.parse(server.jid("alice")), "found you");
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceEvents.bodies().contains("found you"));
    }

    @Test
    void readsTheXrdHostMetaWhenThereIsNoJson() throws IOException {
        ProsodyServer server = prosody.server();
        Files.writeString(wellKnown().resolve("host-meta"), """
                <?xml version='1.0' encoding='utf-8'?>
                <XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
                  <Link rel="urn:xmpp:alt-connections:xbosh" href="%s"/>
                  <Link rel="urn:xmpp:alt-connections:websocket" href="%s"/>
                </XRD>
                """.formatted(server.boshUri(), server.webSocketUri()));
        JitterbugClient alice = clients.online(discovering("alice"), new RecordingListener());
        assertThat(alice.endpoint().uri()).isEqualTo(server.webSocketUri());
        assertThat(alice.endpoint().reason()).startsWith("discovered via " + server.httpBase()
                + "/.well-known/host-meta;");
    }

    @Test
    void withTheWebSocketLinkPointingNowhereItFallsBackToBoshAndSaysSo() throws IOException {
        ProsodyServer server = prosody.server();
        try (LoopbackProxy nowhere = new LoopbackProxy(server.httpPort())) {
            nowhere.refuse(true);
            URI deadWebSocket = nowhere.via(server.webSocketUri());
            writeJson(deadWebSocket, server.boshUri());
            RecordingListener events = new RecordingListener();
            JitterbugClient alice = clients.online(discovering("alice"), events);

            assertThat(alice.endpoint().kind()).isEqualTo(TransportKind.BOSH);
            assertThat(alice.endpoint().reason()).startsWith("fallback to BOSH, discovered via " + server.httpBase()
                    + "/.well-known/host-meta.json: WebSocket at " + deadWebSocket + " failed (");
            assertThat(events.states()).as("BOSH within the same attempt: no reconnect wait")
                    .containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
            assertThat(nowhere.connections()).as("the WebSocket was really tried").isGreaterThan(0);
        }
    }

    @Test
    void aWebSocketAddressThatAnswersPlainHttpLikeAProxyStrippingUpgradeFallsBackToBosh() throws IOException {
        ProsodyServer server = prosody.server();
        // http_files answers this path with a normal HTTP response, as a proxy that drops the Upgrade header would.
        URI notAWebSocket = URI.create("ws://127.0.0.1:" + server.httpPort() + "/.well-known/host-meta.json");
        writeJson(notAWebSocket, server.boshUri());
        RecordingListener events = new RecordingListener();
        JitterbugClient alice = clients.online(discovering("alice"), events);

        assertThat(alice.endpoint().kind()).isEqualTo(TransportKind.BOSH);
        assertThat(alice.endpoint().reason()).contains("did not accept a WebSocket connection (HTTP 200)");
        assertThat(events.states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
    }

    private ClientOptions discovering(String user) {
        ProsodyServer server = prosody.server();
        return TestOnlyOptions.discoverFrom(ClientOptions.builder(Jid.parse(server.jid(user)),
                server.password(user).toCharArray()), server.httpBase()).retryConfig(QUICK).build();
    }

    private static Path wellKnown() {
        return prosody.server().filesDir().resolve(".well-known");
    }

    private static void writeJson(URI webSocket, URI bosh) throws IOException {
        Files.write(wellKnown().resolve("host-meta.json"), ("""
                {"links": [
                  {"rel": "urn:xmpp:alt-connections:xbosh", "href": "%s"},
                  {"rel": "urn:xmpp:alt-connections:websocket", "href": "%s"}
                ]}""".formatted(bosh, webSocket)).getBytes(StandardCharsets.UTF_8));
    }
}
