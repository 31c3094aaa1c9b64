package dev.jitterbug.xml;

/**
 * The peer sent XML we refuse to process. {@link #condition()} is the RFC 6120 stream error condition to send back
 * ({@code restricted-xml}, {@code not-well-formed}, {@code policy-violation}); {@link #getMessage()} is for people.
 */
public final class XmlException extends Exception {
    private final String condition;

    public XmlException(String condition, String message) {
        super(message);
        this.condition = condition;
    }

    public String condition() {
        return condition;
    }
}
