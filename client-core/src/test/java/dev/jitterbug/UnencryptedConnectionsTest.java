package dev.jitterbug;

import static dev.jitterbug.testing.TestCertificates.DAY;
import static dev.jitterbug.testing.TestCertificates.TRUSTING_AUTHORITY;
import static dev.jitterbug.testing.TestCertificates.httpsServer;
import static dev.jitterbug.testing.TestCertificates.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.testing.HostilePeer;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unencrypted addresses ({@code ws://}, {@code http://}) are used only on this machine, unless the account says
 * {@code insecureUnencryptedConnectionsForThisAccount}: configured, discovered (XEP-0156), as a fallback or by a
 * server's redirect. A test DNS gives a proxy in front of Prosody a name that is not a loopback name,
 * {@value #ELSEWHERE}, so a refusal can be told from "nothing there": refused means the proxy saw no connection at
 * all, allowed means the client signs in through it. Each refusal stops the client (no retry loop) with a sentence
 * that says what to do.
 */
class UnencryptedConnectionsTest {
    private static final String ELSEWHERE = "jitterbug.test";
    private static final Dns ELSEWHERE_IS_HERE = host -> ELSEWHERE.equals(host)
            ? List.of(InetAddress.getByName("127.0.0.1")) : Dns.SYSTEM.lookup(host);

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass().account("alice", "alice-secret");

    private TestClients clients;
    /** Prosody's plain HTTP port (WebSocket and BOSH) under the name {@value #ELSEWHERE}; counts connections. */
    private LoopbackProxy plain;

    @BeforeEach
    void setUp() throws IOException {
        clients = new TestClients(prosody.server());
        plain = clients.proxy();
        Files.createDirectories(wellKnown());
        Files.deleteIfExists(wellKnown().resolve("host-meta.json"));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    // ---- a configured address ----

    /** Goes red if plain text is allowed to any host. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"WEBSOCKET", "BOSH"})
    void aConfiguredUnencryptedAddressForAnotherHostIsRefusedWithoutConnecting(TransportKind kind) {
        URI address = elsewhere(kind);
        RecordingListener events = new RecordingListener();
        clients.start(resolving(clients.options("alice", address)).build(), events);

        ConnectionEvent stopped = awaitRefused(events);
        assertThat(stopped.stopReason()).isEqualTo(StopReason.UNTRUSTED_SERVER);
        assertThat(stopped.failure().kind()).isEqualTo(Failure.Kind.TLS);
        assertThat(stopped.failure().message()).isEqualTo("Jitterbug refuses to connect to " + ELSEWHERE
                + " without encryption (" + address + "); use " + (kind == TransportKind.BOSH ? "https" : "wss")
                + "://…, or allow unencrypted connections for this account.");
        assertThat(events.states()).as("no retry loop").doesNotContain(ConnectionState.WAITING);
        assertThat(plain.connections()).as("no connection was made").isZero();
    }

    /** Goes red if the loud setting is ignored. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"WEBSOCKET", "BOSH"})
    void withTheInsecureSettingTheSameAddressIsUsed(TransportKind kind) {
        URI address = elsewhere(kind);
        RecordingListener events = new RecordingListener();
        JitterbugClient alice = clients.start(resolving(clients.options("alice", address))
                .insecureUnencryptedConnectionsForThisAccount(true).build(), events);
        events.await("online (or stopped)", () -> events.sessions() > 0
                || events.count(ConnectionState.STOPPED) > 0);
        assertThat(events.states()).as("refused despite the setting").doesNotContain(ConnectionState.STOPPED);

        assertThat(alice.endpoint().uri()).isEqualTo(address);
        assertThat(alice.endpoint().isSecure()).isFalse();
        assertThat(alice.options().insecureUnencryptedConnectionsForThisAccount()).isTrue();
        assertThat(plain.connections()).isPositive();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"WEBSOCKET, localhost", "BOSH, 127.0.0.1"})
    void unencryptedAddressesOnThisMachineNeedNoSetting(TransportKind kind, String host) {
        URI address = at(kind, host);
        JitterbugClient alice = clients.online(clients.options("alice", address).build(), new RecordingListener());
        assertThat(alice.endpoint().uri()).isEqualTo(address);
        assertThat(plain.connections()).isPositive();
    }

    /** The server's see-other-uri from a loopback address to a plain one elsewhere is not followed. */
    @Test
    void aRedirectToAnUnencryptedAddressElsewhereIsNotFollowed() throws IOException {
        URI target = elsewhere(TransportKind.WEBSOCKET);
        try (HostilePeer redirector = new HostilePeer((connection, frame) -> frame.name().equals("open")
                ? List.of(HostilePeer.OPEN, "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing' see-other-uri='"
                        + target + "'/>")
                : List.of())) {
            RecordingListener events = new RecordingListener();
            clients.start(resolving(clients.options("alice", redirector.uri())).build(), events);

            ConnectionEvent stopped = awaitRefused(events);
            assertThat(stopped.stopReason()).isEqualTo(StopReason.UNTRUSTED_SERVER);
            assertThat(stopped.failure().message()).isEqualTo("The server redirected us to an unencrypted address; "
                    + "Jitterbug refuses to connect to " + ELSEWHERE + " without encryption (" + target + ").");
            assertThat(redirector.connections()).isEqualTo(1);
            assertThat(plain.connections()).isZero();
        }
    }

    // ---- discovered addresses (XEP-0156) ----

    /** Goes red if published plain links are used. */
    @Test
    void aDomainThatPublishesOnlyUnencryptedAddressesElsewhereIsRefusedWithoutConnecting() throws IOException {
        URI ws = elsewhere(TransportKind.WEBSOCKET);
        URI http = elsewhere(TransportKind.BOSH);
        publish(ws, http);
        RecordingListener events = new RecordingListener();
        clients.start(discovering().build(), events);

        ConnectionEvent stopped = awaitRefused(events);
        assertThat(stopped.stopReason()).isEqualTo(StopReason.UNTRUSTED_SERVER);
        assertThat(stopped.failure().message()).isEqualTo("Jitterbug refuses to connect to " + ELSEWHERE
                + " without encryption: " + prosody.server().httpBase() + "/.well-known/host-meta.json lists only "
                + "unencrypted addresses (" + ws + ", " + http + "). Ask the server's operator for wss:// or "
                + "https:// addresses, or allow unencrypted connections for this account.");
        assertThat(events.states()).doesNotContain(ConnectionState.WAITING);
        assertThat(plain.connections()).isZero();
    }

    /**
     * A downgrade: the domain publishes a secure address and plain ones; the secure one fails before the stream
     * opens (its server answers the WebSocket upgrade with HTTP 404), and the client must not fall back to the
     * published plain BOSH address, which would work. Goes red if published plain links are used.
     */
    @Test
    void whenThePublishedSecureAddressFailsThePublishedPlainOnesAreNeverTried() throws IOException {
        try (MockWebServer secure = httpsServer(signed(-DAY, DAY, ELSEWHERE))) {
            URI wss = URI.create("wss://" + ELSEWHERE + ":" + secure.getPort() + "/xmpp-websocket");
            URI ws = elsewhere(TransportKind.WEBSOCKET);
            URI http = elsewhere(TransportKind.BOSH);
            publish(wss, http, ws);
            RecordingListener events = new RecordingListener();
            JitterbugClient alice = clients.start(discovering().trustedCertificates(TRUSTING_AUTHORITY).build(),
                    events);

            events.await("the attempt failed (or signed in)", () -> events.count(ConnectionState.DISCONNECTED) > 0
                    || events.sessions() > 0);
            assertThat(events.sessions()).as("signed in over a plain address: %s", events.events).isZero();
            ConnectionEvent lost = events.events(ConnectionState.DISCONNECTED).get(0);
            assertThat(lost.failure().message()).contains(wss.toString()).contains("HTTP 404");
            assertThat(secure.getRequestCount()).as("the secure address was tried").isPositive();
            assertThat(plain.connections()).as("the plain ones never").isZero();
            assertThat(alice.endpoint().uri()).isEqualTo(wss);
            assertThat(alice.endpoint().reason()).endsWith("; not used without encryption: " + ws + ", " + http);
        }
    }

    /**
     * A downgrade an attacker would try: the published secure address presents a certificate for another name.
     * The client stops with the certificate's reason and never tries the published plain addresses, over WebSocket
     * (automatic choice) and BOSH (chosen in the settings).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"WEBSOCKET, wss", "BOSH, https"})
    void aPublishedSecureAddressWithTheWrongNameIsNotDowngradedToAPlainOne(TransportKind kind, String scheme)
            throws IOException {
        try (MockWebServer impostor = httpsServer(signed(-DAY, DAY, "other.example"))) {
            URI secure = URI.create(scheme + "://" + ELSEWHERE + ":" + impostor.getPort()
                    + (kind == TransportKind.BOSH ? "/http-bind" : "/xmpp-websocket"));
            publish(secure, elsewhere(TransportKind.WEBSOCKET), elsewhere(TransportKind.BOSH));
            RecordingListener events = new RecordingListener();
            clients.start(discovering().trustedCertificates(TRUSTING_AUTHORITY)
                    .transport(kind == TransportKind.BOSH ? kind : null).build(), events);

            ConnectionEvent stopped = awaitRefused(events);
            assertThat(stopped.stopReason()).isEqualTo(StopReason.UNTRUSTED_SERVER);
            assertThat(stopped.failure().message()).isEqualTo("A secure connection to " + secure + " could not be "
                    + "established: the server's certificate is for another name (other.example), not " + ELSEWHERE
                    + ".");
            assertThat(impostor.getRequestCount()).isZero();
            assertThat(plain.connections()).isZero();
        }
    }

    // ---- helpers ----

    /** The client's STOPPED event; fails at once, not after the listener's patience, if it signed in instead. */
    private static ConnectionEvent awaitRefused(RecordingListener events) {
        events.await("stopped (or signed in)", () -> events.count(ConnectionState.STOPPED) > 0
                || events.sessions() > 0);
        assertThat(events.sessions()).as("signed in: %s", events.events).isZero();
        return events.events(ConnectionState.STOPPED).get(0);
    }

    /** Prosody's plain address for {@code kind}, through the counting proxy, at {@value #ELSEWHERE}. */
    private URI elsewhere(TransportKind kind) {
        return at(kind, ELSEWHERE);
    }

    private URI at(TransportKind kind, String host) {
        ProsodyServer server = prosody.server();
        URI direct = kind == TransportKind.BOSH ? server.boshUri() : server.webSocketUri();
        return URI.create(direct.getScheme() + "://" + host + ":" + plain.port() + direct.getPath());
    }

    private static ClientOptions.Builder resolving(ClientOptions.Builder options) {
        return TestOnlyOptions.resolveWith(options, ELSEWHERE_IS_HERE);
    }

    /** Alice's options without an address: discovered from the host-meta Prosody serves on loopback. */
    private ClientOptions.Builder discovering() {
        ProsodyServer server = prosody.server();
        ClientOptions.Builder options = clients.options("alice", null);
        return resolving(TestOnlyOptions.discoverFrom(options, server.httpBase()));
    }

    /** Writes host-meta.json with these links, each under the relation its scheme names. */
    private static void publish(URI... links) throws IOException {
        List<String> entries = new ArrayList<>();
        for (URI link : links) {
            String rel = link.getScheme().startsWith("ws") ? "urn:xmpp:alt-connections:websocket"
                    : "urn:xmpp:alt-connections:xbosh";
            entries.add("{\"rel\": \"" + rel + "\", \"href\": \"" + link + "\"}");
        }
        Files.writeString(wellKnown().resolve("host-meta.json"), "{\"links\": [" + String.join(", ", entries) + "]}");
    }

    private static Path wellKnown() {
        return prosody.server().filesDir().resolve(".well-known");
    }
}
