package dev.jitterbug;

import static dev.jitterbug.testing.TestCertificates.DAY;
import static dev.jitterbug.testing.TestCertificates.TRUSTING_AUTHORITY;
import static dev.jitterbug.testing.TestCertificates.httpsServer;
import static dev.jitterbug.testing.TestCertificates.selfSigned;
import static dev.jitterbug.testing.TestCertificates.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.config.FetchResult;
import dev.jitterbug.config.HttpRetryConfigFetcher;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigService;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.RecordingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TLS with certificate and hostname validation is the only mode. A certificate authority made at test time
 * ({@link dev.jitterbug.testing.TestCertificates}) and trusted through {@link ClientOptions.Builder#trustedCertificates}
 * lets these tests tell the checks apart: a certificate
 * nobody vouches for, one for another name, an expired one are each refused — for XMPP over both transports and for
 * the retry config — with a sentence that says why, and retrying stops; the same authority with the right name and
 * dates gets through. MockWebServer plays the server: a real XMPP server cannot easily present such certificates.
 */
class TlsByDefaultTest {
    private static final String PATH = "/xmpp";

    // ---- XMPP over wss:// and https:// (BOSH) ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"WEBSOCKET", "BOSH"})
    void anUntrustedCertificateStopsTheConnectionWithAClearReason(String transport) throws Exception {
        try (MockWebServer server = httpsServer(selfSigned("localhost"))) {
            URI uri = endpoint(transport, "localhost", server);
            RecordingListener events = new RecordingListener();
            try (JitterbugClient client = connect(uri, TrustedCertificates.platform(), null, events)) {
                Failure failure = awaitStopped(events);
                assertThat(failure.kind()).isEqualTo(Failure.Kind.TLS);
                assertThat(failure.message()).startsWith("A secure connection to " + uri
                        + " could not be established").contains("not signed by an authority this device trusts");
                assertThat(events.states()).doesNotContain(ConnectionState.WAITING);
                assertThat(server.getRequestCount()).isZero();
            }
        }
    }

    /** Goes red if hostname verification is switched off: the certificate is from a trusted authority. */
    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"WEBSOCKET, localhost", "BOSH, 127.0.0.1"})
    void aCertificateForAnotherNameIsRefusedWithAClearReason(String transport, String host) throws Exception {
        HeldCertificate forAnotherName = signed(-DAY, DAY, "other.example");
        try (MockWebServer server = httpsServer(forAnotherName)) {
            URI uri = endpoint(transport, host, server);
            RecordingListener events = new RecordingListener();
            try (JitterbugClient client = connect(uri, TRUSTING_AUTHORITY, null, events)) {
                Failure failure = awaitStopped(events);
                assertThat(failure.kind()).isEqualTo(Failure.Kind.TLS);
                assertThat(failure.message()).isEqualTo("A secure connection to " + uri + " could not be "
                        + "established: the server's certificate is for another name (other.example), not " + host
                        + ".");
                assertThat(events.states()).doesNotContain(ConnectionState.WAITING);
                assertThat(server.getRequestCount()).as("nothing was sent to the wrong server").isZero();
            }
        }
    }

    /** Goes red if validity dates are not checked: the authority is trusted and the name is right. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"WEBSOCKET", "BOSH"})
    void anExpiredCertificateIsRefusedWithAClearReason(String transport) throws Exception {
        HeldCertificate expired = signed(-2 * DAY, -DAY, "localhost", "127.0.0.1");
        try (MockWebServer server = httpsServer(expired)) {
            URI uri = endpoint(transport, "localhost", server);
            RecordingListener events = new RecordingListener();
            try (JitterbugClient client = connect(uri, TRUSTING_AUTHORITY, null, events)) {
                Failure failure = awaitStopped(events);
                assertThat(failure.kind()).isEqualTo(Failure.Kind.TLS);
                assertThat(failure.message()).isEqualTo("A secure connection to " + uri + " could not be "
                        + "established: the server's certificate has expired.");
                assertThat(events.states()).doesNotContain(ConnectionState.WAITING);
                assertThat(server.getRequestCount()).isZero();
            }
        }
    }

    /**
     * The positive case: with the authority trusted, the right name and valid dates, the handshake succeeds and the
     * client talks HTTP to the server (which refuses the XMPP part with 404: the failure is then not about TLS).
     * Also through {@link SharedResources}, whose client each account derives with its own trust.
     */
    @ParameterizedTest(name = "{0}, shared resources: {1}")
    @CsvSource({"WEBSOCKET, false", "BOSH, false", "WEBSOCKET, true", "BOSH, true"})
    void aCertificateFromAnAddedAuthorityWithTheRightNameIsAccepted(String transport, boolean shared)
            throws Exception {
        HeldCertificate valid = signed(-DAY, DAY, "localhost", "127.0.0.1");
        try (MockWebServer server = httpsServer(valid);
                SharedResources resources = shared ? SharedResources.forSessions(1) : null) {
            URI uri = endpoint(transport, "localhost", server);
            RecordingListener events = new RecordingListener();
            try (JitterbugClient client = connect(uri, TRUSTING_AUTHORITY, resources, events)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> events.events.stream()
                        .anyMatch(e -> e.failure() != null));
                Failure failure = events.events.stream().filter(e -> e.failure() != null).findFirst().get().failure();
                assertThat(failure.kind()).as(failure.toString()).isNotEqualTo(Failure.Kind.TLS);
                assertThat(failure.message()).contains("HTTP 404");
                assertThat(server.getRequestCount()).isPositive();
            }
        }
    }

    // ---- the retry config over https ----

    @Test
    void theRetryConfigIsNotTakenFromAServerWithAnUntrustedCertificate() throws Exception {
        OkHttpClient http = new OkHttpClient();
        try (MockWebServer server = httpsServer(selfSigned("localhost")); ExecutorScheduler scheduler = new ExecutorScheduler("tls")) {
            RetryConfigService service = new RetryConfigService(new HttpRetryConfigFetcher(http,
                    configUrl("localhost", server)), new InMemoryKeyValueStore(), scheduler);
            service.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> service.status().lastError() != null);
            assertThat(service.configFor("alice@localhost").version()).isEqualTo("builtin");
            assertThat(service.status().lastError()).contains("not signed by an authority this device trusts");
            service.close();
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }

    @Test
    void theRetryConfigFetchTrustsTheAddedAuthorityButStillChecksNameAndDates() throws Exception {
        OkHttpClient http = new OkHttpClient();
        try (MockWebServer right = httpsServer(signed(-DAY, DAY, "localhost"));
                MockWebServer otherName = httpsServer(signed(-DAY, DAY, "other.example"));
                MockWebServer expired = httpsServer(signed(-2 * DAY, -DAY, "localhost"))) {
            FetchResult fetched = fetch(http, configUrl("localhost", right), TRUSTING_AUTHORITY);
            assertThat(fetched.kind()).as(String.valueOf(fetched.message())).isEqualTo(FetchResult.Kind.DOCUMENT);
            assertThat(fetch(http, configUrl("localhost", right), TrustedCertificates.platform()).message())
                    .as("the added authority is what made it trusted")
                    .contains("not signed by an authority this device trusts");

            FetchResult wrongName = fetch(http, configUrl("localhost", otherName), TRUSTING_AUTHORITY);
            assertThat(wrongName.kind()).isEqualTo(FetchResult.Kind.FAILED);
            assertThat(wrongName.message()).isEqualTo("the secure connection to the config server localhost failed: "
                    + "the server's certificate is for another name (other.example), not localhost");

            FetchResult outOfDate = fetch(http, configUrl("localhost", expired), TRUSTING_AUTHORITY);
            assertThat(outOfDate.kind()).isEqualTo(FetchResult.Kind.FAILED);
            assertThat(outOfDate.message()).isEqualTo("the secure connection to the config server localhost failed: "
                    + "the server's certificate has expired");
            assertThat(otherName.getRequestCount() + expired.getRequestCount()).isZero();
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }

    // ---- nothing weakens the checks ----

    /**
     * Every module's shipped sources (src/ except src/test: Java, resources, jpackage arguments) are free of
     * anything that configures TLS, except {@code transport/TlsTrust.java}, which may only hand a
     * HandshakeCertificates' socket factory and trust manager to OkHttp. Case-insensitive.
     */
    @Test
    void noShippedCodeWeakensCertificateOrHostnameChecks() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> modules = modules(root);
        assertThat(modules.stream().map(m -> m.getFileName().toString()))
                .as("the scan covers every module").contains("client-core", "client-fx", "packaging");
        List<Path> scanned = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        for (Path module : modules) {
            offenders.addAll(tlsOffenders(module, scanned));
        }
        assertThat(scanned).as("the TLS class was found and checked").anyMatch(TlsByDefaultTest::isTlsTrust);
        assertThat(scanned.size()).as("files scanned").isGreaterThan(100);
        assertThat(offenders).as("TLS is configured only in transport/TlsTrust.java, from HandshakeCertificates")
                .isEmpty();
    }

    /** The scan itself: it catches a new desktop file with a hostname verifier, in any spelling. */
    @Test
    void theScanCatchesAHostnameVerifierInANewDesktopFile(@TempDir Path tmp) throws IOException {
        Path fx = Files.createDirectories(tmp.resolve("client-fx/src/main/java/dev/jitterbug/fx/app"));
        Files.writeString(fx.resolve("LenientHttp.java"), "class LenientHttp { javax.net.ssl.HOSTNAMEVERIFIER v; }");
        Path fake = Files.createDirectories(tmp.resolve("client-core/src/main/java/dev/jitterbug/transport"));
        Files.writeString(fake.resolve("TlsTrust.java"), "class TlsTrust { Object v = builder.hostnameVerifier(v); }");
        assertThat(tlsOffenders(tmp.resolve("client-fx"), new ArrayList<>())).singleElement().asString()
                .contains("LenientHttp.java").contains("hostnameverifier");
        assertThat(tlsOffenders(tmp.resolve("client-core"), new ArrayList<>())).singleElement().asString()
                .contains("TlsTrust.java").contains("hostnameverifier");
    }

    // ---- helpers ----

    /** Words that only TLS configuration uses (lower case; matched case-insensitively). */
    private static final List<String> FORBIDDEN = List.of("hostnameverifier", "hostnameverification",
            "trustmanager", "checkservertrusted", "trustall", "trust_all", "allow_all", "allowall",
            "sslsocketfactory", "sslcontext", "truststore", "handshakecertificates", "heldcertificate",
            "endpointidentification", "connectionspec", "certificatepinner", "x509extended");

    /** The one line TlsTrust may configure OkHttp with: a HandshakeCertificates' factory and trust manager. */
    private static final Pattern FROM_HANDSHAKE_CERTIFICATES = Pattern.compile(
            "\\.sslSocketFactory\\(\\s*(\\w+)\\.sslSocketFactory\\(\\),\\s*\\1\\.trustManager\\(\\)\\s*\\)");

    private static List<Path> modules(Path root) throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        List<Path> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(root.resolve(module.group(1).trim()));
        }
        return modules;
    }

    private static List<String> tlsOffenders(Path module, List<Path> scanned) throws IOException {
        Path src = module.resolve("src");
        if (!Files.isDirectory(src)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.startsWith(src.resolve("test")))
                    .filter(f -> !f.toString().matches(".*\\.(png|ico|icns|jpg|gif|ttf|otf|woff2?)$"))
                    .peek(scanned::add)
                    .flatMap(f -> offences(f).stream().map(word -> module.relativize(f) + ": " + word))
                    .collect(Collectors.toList());
        }
    }

    private static List<String> offences(Path file) {
        String code;
        try {
            code = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (isTlsTrust(file)) {
            Matcher allowed = FROM_HANDSHAKE_CERTIFICATES.matcher(code);
            while (allowed.find()) {
                boolean fromHandshake = Pattern.compile("HandshakeCertificates\\s+" + allowed.group(1) + "\\s*=")
                        .matcher(code).find();
                if (fromHandshake) {
                    code = code.replace(allowed.group(), "");
                }
            }
            code = code.replaceAll("import okhttp3\\.tls\\.HandshakeCertificates;", "")
                    .replaceAll("HandshakeCertificates(\\.Builder)?\\b", "");
        }
        String lower = code.toLowerCase(Locale.ROOT);
        return FORBIDDEN.stream().filter(lower::contains).collect(Collectors.toList());
    }

    private static boolean isTlsTrust(Path file) {
        return file.endsWith(Path.of("dev", "jitterbug", "transport", "TlsTrust.java"));
    }

    private static URI endpoint(String transport, String host, MockWebServer server) {
        String scheme = transport.equals("WEBSOCKET") ? "wss" : "https";
        return URI.create(scheme + "://" + host + ":" + server.getPort() + PATH);
    }

    private static String configUrl(String host, MockWebServer server) {
        return "https://" + host + ":" + server.getPort() + HttpRetryConfigFetcher.WELL_KNOWN_PATH;
    }

    private static JitterbugClient connect(URI endpoint, TrustedCertificates trusted, SharedResources shared,
            RecordingListener events) {
        ClientOptions.Builder options = ClientOptions.builder(Jid.parse("alice@localhost"), "pw".toCharArray())
                .endpoint(endpoint).store(new InMemoryKeyValueStore()).retryConfig(RetryConfig.defaults())
                .trustedCertificates(trusted);
        if (shared != null) {
            options.sharedResources(shared);
        }
        JitterbugClient client = JitterbugClient.create(options.build());
        client.addListener(events);
        client.connect();
        return client;
    }

    private static Failure awaitStopped(RecordingListener events) {
        await().atMost(Duration.ofSeconds(15)).until(() -> events.states().contains(ConnectionState.STOPPED));
        return events.events.stream().filter(e -> e.state() == ConnectionState.STOPPED).findFirst().get().failure();
    }

    private static FetchResult fetch(OkHttpClient http, String url, TrustedCertificates trusted) throws Exception {
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        new HttpRetryConfigFetcher(http, url).withTrustedCertificates(trusted).fetch(null, result::complete);
        return result.get(15, TimeUnit.SECONDS);
    }
}
