package dev.jitterbug.session.sasl;

import java.nio.charset.StandardCharsets;

/** SASL PLAIN (RFC 4616): only ever chosen over TLS, or with the explicit insecure-loopback option. */
public final class PlainMechanism implements SaslMechanism {
    private final String username;
    private final char[] password;

    public PlainMechanism(String username, char[] password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public byte[] initialResponse() {
        return ("\0" + username + "\0" + new String(password)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
        throw new SaslException("The server sent a challenge during PLAIN authentication.");
    }

    @Override
    public void verifySuccess(byte[] additionalData) {
        // PLAIN has nothing to verify
    }
}
