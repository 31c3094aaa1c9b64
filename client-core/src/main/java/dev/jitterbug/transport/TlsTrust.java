package dev.jitterbug.transport;

import dev.jitterbug.TrustedCertificates;
import java.security.cert.X509Certificate;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;

/**
 * The one place where the client's TLS trust is configured (a source check in the tests keeps it that way).
 * Certificate chains and validity dates are checked by the platform's PKIX trust manager, built by okhttp-tls over
 * the platform's authorities plus the app's {@link TrustedCertificates}; the server's name is checked by OkHttp's
 * own hostname verifier, which nothing in Jitterbug replaces.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** The builder, trusting {@code trusted}; for the platform's authorities only, OkHttp's defaults stay. */
    public static OkHttpClient.Builder apply(OkHttpClient.Builder builder, TrustedCertificates trusted) {
        if (trusted == null || trusted.isPlatformOnly()) {
            return builder;
        }
        HandshakeCertificates.Builder certificates = new HandshakeCertificates.Builder()
                .addPlatformTrustedCertificates();
        for (X509Certificate authority : trusted.added()) {
            certificates.addTrustedCertificate(authority);
        }
        HandshakeCertificates built = certificates.build();
        return builder.sslSocketFactory(built.sslSocketFactory(), built.trustManager());
    }
}
