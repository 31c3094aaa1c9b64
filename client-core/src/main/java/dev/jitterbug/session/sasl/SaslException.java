package dev.jitterbug.session.sasl;

/** The SASL exchange cannot continue: the server's data is malformed or the server failed to prove itself. */
public final class SaslException extends Exception {
    public SaslException(String message) {
        super(message);
    }
}
