package dev.jitterbug.transport;

/** The transports Jitterbug speaks. */
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
