package dev.jitterbug.fx.demo;

import dev.jitterbug.config.HttpRetryConfigFetcher;
import dev.jitterbug.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;

/**
 * The demo's retry config, served over https on 127.0.0.1 with a certificate from the test authority
 * ({@link TestCertificates#AUTHORITY}), which the demo app is told to trust: the app fetches it the way it fetches a
 * real one (so there is no failed fetch to warn about every 30 s), and its quick reconnects suit a demo of outages.
 */
public final class DemoRetryConfig implements AutoCloseable {
    /** Quick reconnects; outages under 1.5 s are not shown (the "blip"). Within the parser's allowed ranges. */
    static final String DOCUMENT = """
            {
              "format": 1,
              "version": "demo-1",
              "backoff": { "algorithm": "decorrelated-jitter-smooth", "baseMillis": 1000, "capMillis": 10000 },
              "firstAttempt": { "serverFailureSpreadMillis": 1000, "blipRetryWindowMillis": 1000 },
              "liveness": { "pingIntervalMillis": 10000, "deadLinkTimeoutMillis": 5000, "connectTimeoutMillis": 10000 },
              "status": { "quietMillis": 1500 },
              "refresh": { "intervalMillis": 3600000 }
            }
            """;

    private final MockWebServer server = new MockWebServer();

    private DemoRetryConfig() {
    }

    /** Starts the server on 127.0.0.1 (a free port). */
    public static DemoRetryConfig start() {
        DemoRetryConfig config = new DemoRetryConfig();
        HandshakeCertificates certificates = new HandshakeCertificates.Builder().heldCertificate(
                TestCertificates.signed(-TestCertificates.DAY, TestCertificates.DAY, "127.0.0.1")).build();
        config.server.useHttps(certificates.sslSocketFactory());
        config.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().encodedPath().equals(HttpRetryConfigFetcher.WELL_KNOWN_PATH)
                        ? new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                                .body(DOCUMENT).build()
                        : new MockResponse.Builder().code(404).build();
            }
        });
        try {
            config.server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /** The URL the app is given with {@code --retry-config-url=}. */
    public String url() {
        return "https://127.0.0.1:" + server.getPort() + HttpRetryConfigFetcher.WELL_KNOWN_PATH;
    }

    /** Requests served so far. */
    public int requests() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        server.close();
    }
}
