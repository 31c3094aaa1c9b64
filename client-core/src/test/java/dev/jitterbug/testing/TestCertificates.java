package dev.jitterbug.testing;

import dev.jitterbug.TrustedCertificates;
import dev.jitterbug.config.HttpRetryConfigFetcher;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A certificate authority made at test time, certificates it signs, and https servers that present them: TLS tests
 * tell the checks apart with these (a certificate for another name, an expired one, one nobody vouches for) without
 * a real authority. The client trusts the authority only when a test passes {@link #TRUSTING_AUTHORITY}.
 */
public final class TestCertificates {
    public static final long DAY = TimeUnit.DAYS.toMillis(1);
    public static final HeldCertificate AUTHORITY = new HeldCertificate.Builder()
            .certificateAuthority(0).commonName("Jitterbug test CA").build();
    /** The platform's authorities plus {@link #AUTHORITY}. */
    public static final TrustedCertificates TRUSTING_AUTHORITY =
            TrustedCertificates.platformPlus(AUTHORITY.certificate());

    private TestCertificates() {
    }

    /** A certificate for {@code names} signed by {@link #AUTHORITY}, valid between the two offsets from now. */
    public static HeldCertificate signed(long notBeforeFromNow, long notAfterFromNow, String... names) {
        long now = System.currentTimeMillis();
        HeldCertificate.Builder builder = new HeldCertificate.Builder().signedBy(AUTHORITY).commonName(names[0])
                .validityInterval(now + notBeforeFromNow, now + notAfterFromNow);
        for (String name : names) {
            builder.addSubjectAlternativeName(name);
        }
        return builder.build();
    }

    /** A certificate for {@code name} that nobody vouches for. */
    public static HeldCertificate selfSigned(String name) {
        return new HeldCertificate.Builder().addSubjectAlternativeName(name).build();
    }

    /**
     * An https server on 127.0.0.1 with this certificate. It answers every request with 404, except the retry
     * config's well-known path (a valid config: "{}"). The caller closes it.
     */
    public static MockWebServer httpsServer(HeldCertificate certificate) throws IOException {
        HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(certificate).build();
        MockWebServer server = new MockWebServer();
        server.useHttps(serverCertificates.sslSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().encodedPath().equals(HttpRetryConfigFetcher.WELL_KNOWN_PATH)
                        ? new MockResponse.Builder().code(200).body("{}").build()
                        : new MockResponse.Builder().code(404).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }
}
