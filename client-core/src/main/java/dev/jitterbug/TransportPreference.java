package dev.jitterbug;

/** Which transport to use: automatic (WebSocket, falling back to BOSH), or one of them only. */
public enum TransportPreference {
    AUTO,
    WEBSOCKET,
    BOSH
}
