package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.config.HttpRetryConfigFetcher;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigService;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.RecordingListener;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/**
 * TLS with certificate and hostname validation is the only mode: a server with a certificate nobody vouches for is
 * refused — for XMPP and for the retry config — with a sentence that says why, and retrying stops.
 */
class TlsByDefaultTest {
    private static MockWebServer selfSignedHttps() throws Exception {
        String host = InetAddress.getByName("localhost").getCanonicalHostName();
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName(host).build();
        HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(certificate).build();
        MockWebServer server = new MockWebServer();
        server.useHttps(serverCertificates.sslSocketFactory());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        server.start();
        return server;
    }

    @Test
    void anUntrustedCertificateStopsTheConnectionWithAClearReason() throws Exception {
        try (MockWebServer server = selfSignedHttps()) {
            URI wss = URI.create(server.url("/xmpp-websocket").toString().replaceFirst("^https", "wss"));
            RecordingListener events = new RecordingListener();
            try (JitterbugClient client = JitterbugClient.create(ClientOptions.builder(Jid.parse("alice@localhost"),
                    "pw".toCharArray()).endpoint(wss).store(new InMemoryKeyValueStore())
                    .retryConfig(RetryConfig.defaults()).build())) {
                client.addListener(events);
                client.connect();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> events.states().contains(ConnectionState.STOPPED));
                ConnectionEvent stopped = events.lastEvent();
                assertThat(stopped.failure().kind()).isEqualTo(Failure.Kind.TLS);
                assertThat(stopped.failure().message()).startsWith("A secure connection to " + wss
                        + " could not be established");
                assertThat(events.states()).doesNotContain(ConnectionState.WAITING);
            }
        }
    }

    @Test
    void theRetryConfigIsNotTakenFromAServerWithAnUntrustedCertificate() throws Exception {
        OkHttpClient http = new OkHttpClient();
        try (MockWebServer server = selfSignedHttps(); ExecutorScheduler scheduler = new ExecutorScheduler("tls")) {
            RetryConfigService service = new RetryConfigService(new HttpRetryConfigFetcher(http,
                    server.url("/.well-known/jitterbug/retry.json").toString()), new InMemoryKeyValueStore(),
                    scheduler);
            service.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> service.status().lastError() != null);
            assertThat(service.configFor("alice@localhost").version()).isEqualTo("builtin");
            service.close();
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }

    @Test
    void noProductionCodeWeakensCertificateOrHostnameChecks() throws Exception {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    String code = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    return code.contains("X509TrustManager") || code.contains("HostnameVerifier")
                            || code.contains("sslSocketFactory(") || code.contains("TrustAll");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).collect(Collectors.toList());
            assertThat(offenders).as("TLS is configured only by OkHttp's defaults").isEmpty();
        }
    }
}
