package dev.jitterbug;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Which certificate authorities vouch for a server: always the platform's, plus any the app adds (a company or
 * self-hosted CA, or a self-signed server certificate). Adding never switches a check off: certificates are still
 * checked for their chain, their validity dates and the server's name, exactly as for a public CA. There is no way
 * to trust any certificate.
 */
public final class TrustedCertificates {
    private static final TrustedCertificates PLATFORM = new TrustedCertificates(Collections.emptyList());

    private final List<X509Certificate> added;

    private TrustedCertificates(List<X509Certificate> added) {
        this.added = added;
    }

    /** The platform's certificate authorities only (the default). */
    public static TrustedCertificates platform() {
        return PLATFORM;
    }

    /** The platform's certificate authorities plus these; none (or null) means the platform's only. */
    public static TrustedCertificates platformPlus(X509Certificate... authorities) {
        return authorities == null ? PLATFORM : platformPlus(Arrays.asList(authorities));
    }

    /** The platform's certificate authorities plus these; none (or null) means the platform's only. */
    public static TrustedCertificates platformPlus(Collection<X509Certificate> authorities) {
        if (authorities == null || authorities.isEmpty()) {
            return PLATFORM;
        }
        List<X509Certificate> copy = new ArrayList<>(authorities.size());
        for (X509Certificate authority : authorities) {
            if (authority == null) {
                throw new IllegalArgumentException("a trusted certificate is missing (null)");
            }
            copy.add(authority);
        }
        return new TrustedCertificates(Collections.unmodifiableList(copy));
    }

    /** The certificates trusted in addition to the platform's (empty for {@link #platform()}). */
    public List<X509Certificate> added() {
        return added;
    }

    public boolean isPlatformOnly() {
        return added.isEmpty();
    }

    @Override
    public String toString() {
        if (added.isEmpty()) {
            return "the platform's certificate authorities";
        }
        List<String> names = new ArrayList<>();
        for (X509Certificate certificate : added) {
            names.add(certificate.getSubjectX500Principal().getName());
        }
        return "the platform's certificate authorities plus " + names;
    }
}
