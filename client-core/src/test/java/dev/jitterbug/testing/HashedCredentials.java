package dev.jitterbug.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An account as production Prosody stores it ({@code internal_hashed}, SCRAM-SHA-256): salt, iteration count, StoredKey
 * and ServerKey, never the password. The server then spends no key derivation on a SCRAM login, as in production, so
 * what the benchmarks measure is a real server's login cost and a client that keeps its keys is not fighting a
 * server that derives them anew every time.
 */
final class HashedCredentials {
    /** Prosody 0.12's default for new accounts. */
    static final int ITERATIONS = 10_000;

    private HashedCredentials() {
    }

    /** The account file's Lua text for this password. */
    static String lua(String password) {
        String salt = UUID.randomUUID().toString();
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8),
                            ITERATIONS, 256)).getEncoded();
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            return "return { [\"iteration_count\"] = " + ITERATIONS + "; [\"salt\"] = \"" + salt + "\";"
                    + " [\"stored_key\"] = \"" + hex(storedKey) + "\"; [\"server_key\"] = \"" + hex(serverKey)
                    + "\"; };\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot derive SCRAM-SHA-256 keys", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
