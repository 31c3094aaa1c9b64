package dev.jitterbug.fx.diagnostics;

import dev.jitterbug.session.Established;

/** What acquiring the last session cost: round trips, mechanism and bytes on the wire. Immutable. */
public final class SessionCost {
    private final String transport;
    private final String mechanism;
    private final boolean sasl2;
    private final boolean resumed;
    private final int roundTrips;
    private final long bytesSent;
    private final long bytesReceived;

    public SessionCost(String transport, String mechanism, boolean sasl2, boolean resumed, int roundTrips,
            long bytesSent, long bytesReceived) {
        this.transport = transport;
        this.mechanism = mechanism;
        this.sasl2 = sasl2;
        this.resumed = resumed;
        this.roundTrips = roundTrips;
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
    }

    /**
     * Reads the session's counters now. Called as the session comes online, so the bytes are those of the
     * acquisition plus the first presence and room joins sent with it.
     */
    public static SessionCost of(Established established) {
        return new SessionCost(established.transport().kind().label(), established.mechanism(), established.sasl2(),
                established.resumed(), established.roundTrips(), established.transport().traffic().bytesSent(),
                established.transport().traffic().bytesReceived());
    }

    public String transport() {
        return transport;
    }

    public String mechanism() {
        return mechanism;
    }

    public boolean sasl2() {
        return sasl2;
    }

    public boolean resumed() {
        return resumed;
    }

    public int roundTrips() {
        return roundTrips;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** E.g. "Resumed over WebSocket: 2 round trips, 412 bytes sent, 389 received". */
    public String describe() {
        String how = resumed ? "Resumed" : "New login (" + (mechanism == null ? "?" : mechanism)
                + (sasl2 ? ", SASL2" : "") + ")";
        return how + " over " + transport + ": " + roundTrips + (roundTrips == 1 ? " round trip, " : " round trips, ")
                + bytesSent + " bytes sent, " + bytesReceived + " received";
    }
}
