package dev.jitterbug.session.sasl;

import java.util.Base64;

/**
 * What SCRAM derives from the password for one salt and iteration count: ClientKey and ServerKey (RFC 5802 §3 lets a
 * client keep these instead of recomputing them). They are password equivalents for this server: keep them only
 * where the password may be kept (the keychain or memory), never in a plain file or a log.
 */
public final class ScramKeys {
    private final String mechanism;
    private final String salt;
    private final int iterations;
    private final byte[] clientKey;
    private final byte[] serverKey;

    public ScramKeys(String mechanism, String salt, int iterations, byte[] clientKey, byte[] serverKey) {
        this.mechanism = mechanism;
        this.salt = salt;
        this.iterations = iterations;
        this.clientKey = clientKey.clone();
        this.serverKey = serverKey.clone();
    }

    public String mechanism() {
        return mechanism;
    }

    /** Whether these keys were derived for this mechanism, salt (base64, as the server sent it) and count. */
    public boolean matches(String mechanism, String salt, int iterations) {
        return this.mechanism.equals(mechanism) && this.salt.equals(salt) && this.iterations == iterations;
    }

    byte[] clientKey() {
        return clientKey.clone();
    }

    byte[] serverKey() {
        return serverKey.clone();
    }

    /** A compact text form for a secret store. */
    public char[] encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return (mechanism + " " + salt + " " + iterations + " " + b64.encodeToString(clientKey) + " "
                + b64.encodeToString(serverKey)).toCharArray();
    }

    /** The keys from {@link #encode()}, or null if the text is not such a form. */
    public static ScramKeys decode(char[] encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts = new String(encoded).split(" ");
        if (parts.length != 5) {
            return null;
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new ScramKeys(parts[0], parts[1], Integer.parseInt(parts[2]), b64.decode(parts[3]),
                    b64.decode(parts[4]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ScramKeys[" + mechanism + ", " + iterations + " iterations]"; // never the keys
    }
}
