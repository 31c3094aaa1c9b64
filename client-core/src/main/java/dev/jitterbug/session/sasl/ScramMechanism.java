package dev.jitterbug.session.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding. Verifies the server signature, so a
 * server that does not know the password cannot pretend the login succeeded.
 */
public final class ScramMechanism implements SaslMechanism {
    /** The SCRAM variants, strongest first. */
    public enum Variant {
        SHA_256("SCRAM-SHA-256", "HmacSHA256", "SHA-256"),
        SHA_1("SCRAM-SHA-1", "HmacSHA1", "SHA-1");

        final String mechanism;
        final String hmac;
        final String digest;

        Variant(String mechanism, String hmac, String digest) {
            this.mechanism = mechanism;
            this.hmac = hmac;
            this.digest = digest;
        }

        public String mechanismName() {
            return mechanism;
        }
    }

    private static final int MIN_ITERATIONS = 4096;
    private static final int MAX_ITERATIONS = 1_000_000;

    private final Variant variant;
    private final String username;
    private final char[] password;
    private final String clientNonce;
    private final ScramKeyCache cache;
    private String clientFirstBare;
    private byte[] expectedServerSignature;
    private ScramKeys keys;
    private boolean keysFromCache;

    public ScramMechanism(Variant variant, String username, char[] password) {
        this(variant, username, password, ScramKeyCache.NONE);
    }

    public ScramMechanism(Variant variant, String username, char[] password, ScramKeyCache cache) {
        this(variant, username, password, newNonce(), cache);
    }

    ScramMechanism(Variant variant, String username, char[] password, String clientNonce, ScramKeyCache cache) {
        this.variant = variant;
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
        this.cache = cache == null ? ScramKeyCache.NONE : cache;
    }

    /** Whether this login used keys from the cache instead of deriving them from the password. */
    public boolean usedCachedKeys() {
        return keysFromCache;
    }

    /** The server refused the login: if it was with cached keys, they are stale (the password changed). */
    public void loginRefused() {
        if (keysFromCache) {
            cache.forget(variant.mechanism);
        }
    }

    @Override
    public String name() {
        return variant.mechanism;
    }

    @Override
    public byte[] initialResponse() {
        clientFirstBare = "n=" + saslName(username) + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
        String serverFirst = new String(challenge, StandardCharsets.UTF_8);
        String nonce = attribute(serverFirst, 'r');
        String salt = attribute(serverFirst, 's');
        String iterationsText = attribute(serverFirst, 'i');
        if (nonce == null || salt == null || iterationsText == null || !nonce.startsWith(clientNonce)) {
            throw new SaslException("The server's SCRAM challenge is malformed.");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(iterationsText);
        } catch (NumberFormatException e) {
            throw new SaslException("The server's SCRAM iteration count is not a number.");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new SaslException("The server asked for " + iterations + " SCRAM iterations; Jitterbug accepts "
                    + MIN_ITERATIONS + " to " + MAX_ITERATIONS + ".");
        }
        byte[] saltBytes;
        try {
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new SaslException("The server's SCRAM salt is not valid base64.");
        }
        try {
            keys = cache.find(variant.mechanism);
            keysFromCache = keys != null && keys.matches(variant.mechanism, salt, iterations);
            if (!keysFromCache) {
                byte[] saltedPassword = hi(new String(password).getBytes(StandardCharsets.UTF_8), saltBytes,
                        iterations);
                keys = new ScramKeys(variant.mechanism, salt, iterations,
                        hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.UTF_8)),
                        hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.UTF_8)));
            }
            byte[] clientKey = keys.clientKey();
            byte[] storedKey = MessageDigest.getInstance(variant.digest).digest(clientKey);
            String clientFinalWithoutProof = "c=biws,r=" + nonce;
            String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;
            byte[] clientSignature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            byte[] serverKey = keys.serverKey();
            expectedServerSignature = hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
            return (clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SaslException("This platform lacks " + variant.hmac + ": " + e.getMessage());
        }
    }

    @Override
    public void verifySuccess(byte[] additionalData) throws SaslException {
        if (expectedServerSignature == null) {
            throw new SaslException("The server reported success before completing SCRAM.");
        }
        String serverFinal = additionalData == null ? "" : new String(additionalData, StandardCharsets.UTF_8);
        String verifier = attribute(serverFinal, 'v');
        if (verifier == null) {
            throw new SaslException("The server did not prove it knows the password (no SCRAM server signature).");
        }
        byte[] actual;
        try {
            actual = Base64.getDecoder().decode(verifier);
        } catch (IllegalArgumentException e) {
            throw new SaslException("The server's SCRAM signature is not valid base64.");
        }
        if (!MessageDigest.isEqual(actual, expectedServerSignature)) {
            throw new SaslException("The server's SCRAM signature is wrong: it may not be the server it claims to be.");
        }
        if (!keysFromCache) {
            cache.remember(keys); // proven right by the server's signature
        }
    }

    private byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(variant.hmac);
        mac.init(new SecretKeySpec(password, variant.hmac));
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(variant.hmac);
        mac.init(new SecretKeySpec(key, variant.hmac));
        return mac.doFinal(data);
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        return null;
    }

    private static String saslName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    private static String newNonce() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).replace('+', '-').replace('/', '_');
    }
}
