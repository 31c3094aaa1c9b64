package dev.jitterbug.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Puts every account into one of 10,000 stable buckets, so that a cohort of "5%" is the same 5% of accounts on
 * every client, every start and every document version.
 *
 * <p>The bucket is {@code SHA-256(lower-case bare JID, UTF-8)}: its first four bytes as an unsigned big-endian number,
 * modulo 10,000. The resource is dropped ({@code alice@example.org/phone} and {@code Alice@Example.org} share a bucket).
 * Operators can compute it themselves, e.g.
 * {@code printf %s alice@example.org | sha256sum | cut -c1-8} → hex → decimal → mod 10000.
 */
public final class AccountBuckets {
    /** Buckets per account space: a cohort's share is counted in hundredths of a percent. */
    public static final int BUCKETS = 10_000;

    private AccountBuckets() {
    }

    /** The account's bucket, 0 to 9,999. */
    public static int bucketOf(String jid) {
        if (jid == null || jid.trim().isEmpty()) {
            throw new IllegalArgumentException("An account address (bare JID) is needed to pick its cohort");
        }
        byte[] digest = sha256(bareJid(jid).getBytes(StandardCharsets.UTF_8));
        long leading = ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8)
                | (digest[3] & 0xffL);
        return (int) (leading % BUCKETS);
    }

    /** The JID without resource, lower-cased: the form that is hashed. */
    static String bareJid(String jid) {
        String trimmed = jid.trim();
        int slash = trimmed.indexOf('/');
        return (slash >= 0 ? trimmed.substring(0, slash) : trimmed).toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java and Android runtime provides SHA-256", e);
        }
    }
}
