package dev.jitterbug;

/**
 * The transports Jitterbug speaks. In {@link ClientOptions.Builder#transport}, null means "automatic": WebSocket,
 * falling back to BOSH within the same attempt.
 */
public enum TransportKind {
    WEBSOCKET("WebSocket"),
    BOSH("BOSH");

    private final String label;

    TransportKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
