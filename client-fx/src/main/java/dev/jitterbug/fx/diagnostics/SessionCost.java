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
    private final int archivedMessages;
    private final int rosterItems;

    public SessionCost(String transport, String mechanism, boolean sasl2, boolean resumed, int roundTrips,
            long bytesSent, long bytesReceived) {
        this(transport, mechanism, sasl2, resumed, roundTrips, bytesSent, bytesReceived, -1, -1);
    }

    /** @param archivedMessages and {@code rosterItems}: -1 when not known yet */
    public SessionCost(String transport, String mechanism, boolean sasl2, boolean resumed, int roundTrips,
            long bytesSent, long bytesReceived, int archivedMessages, int rosterItems) {
        this.archivedMessages = archivedMessages;
        this.rosterItems = rosterItems;
        this.transport = transport;
        this.mechanism = mechanism;
        this.sasl2 = sasl2;
        this.resumed = resumed;
        this.roundTrips = roundTrips;
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
    }

    /**
     * The core's own account of the acquisition (measured until the session was ready: roster checked, archive
     * caught up) with the transport and mechanism of the session it belongs to. Falls back to {@link #of(Established)}
     * while the core has not finished measuring this session.
     */
    public static SessionCost of(Established established, dev.jitterbug.SessionCost measured) {
        if (measured == null || measured.resumed() != established.resumed()) {
            return of(established);
        }
        return new SessionCost(established.transport().kind().label(), established.mechanism(), established.sasl2(),
                measured.resumed(), measured.roundTrips(), measured.bytesSent(), measured.bytesReceived(),
                measured.archivedMessages(), measured.rosterItems());
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

    /** Messages fetched from the archive to catch up, or -1 when not known. */
    public int archivedMessages() {
        return archivedMessages;
    }

    /** Roster items transferred, or -1 when not known. */
    public int rosterItems() {
        return rosterItems;
    }

    /** E.g. "Resumed over WebSocket: 2 round trips, 412 bytes sent, 389 received". */
    public String describe() {
        String how = resumed ? "Resumed" : "New login (" + (mechanism == null ? "?" : mechanism)
                + (sasl2 ? ", SASL2" : "") + ")";
        return how + " over " + transport + ": " + roundTrips + (roundTrips == 1 ? " round trip, " : " round trips, ")
                + bytesSent + " bytes sent, " + bytesReceived + " received"
                + (archivedMessages >= 0 ? ", " + archivedMessages + " archived messages caught up" : "")
                + (rosterItems >= 0 ? ", " + rosterItems + " roster items" : "");
    }
}
