package dev.jitterbug.session.sasl;

/** One SASL exchange, client side. A new instance per authentication attempt. */
public interface SaslMechanism {
    /** The IANA name, e.g. {@code SCRAM-SHA-256}. */
    String name();

    /** The initial response sent with the auth request. */
    byte[] initialResponse();

    /** Answers a server challenge. */
    byte[] evaluateChallenge(byte[] challenge) throws SaslException;

    /** Checks the server's final data (SCRAM's server signature); throws when the server cannot prove itself. */
    void verifySuccess(byte[] additionalData) throws SaslException;
}
