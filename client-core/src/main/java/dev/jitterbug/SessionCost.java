package dev.jitterbug;

/**
 * What acquiring the current session cost, from the stream open until it was ready to use (resumed, or logged in
 * with the roster checked and the archive caught up): the "do not hit the backend twice" numbers, for diagnostics
 * and benchmarks.
 */
public final class SessionCost {
    private final boolean resumed;
    private final int roundTrips;
    private final long bytesSent;
    private final long bytesReceived;
    private final long elementsSent;
    private final long elementsReceived;
    private final int archivedMessages;
    private final int rosterItems;

    public SessionCost(boolean resumed, int roundTrips, long bytesSent, long bytesReceived, long elementsSent,
            long elementsReceived, int archivedMessages, int rosterItems) {
        this.resumed = resumed;
        this.roundTrips = roundTrips;
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
        this.elementsSent = elementsSent;
        this.elementsReceived = elementsReceived;
        this.archivedMessages = archivedMessages;
        this.rosterItems = rosterItems;
    }

    /** Roster items transferred (0 after a resume, and 0 when roster versioning said "unchanged"). */
    public int rosterItems() {
        return rosterItems;
    }

    public boolean resumed() {
        return resumed;
    }

    /** Round trips of the login or resume itself (not counting TCP/TLS/HTTP handshakes). */
    public int roundTrips() {
        return roundTrips;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** Top-level elements sent (over BOSH: per request body's children). */
    public long elementsSent() {
        return elementsSent;
    }

    public long elementsReceived() {
        return elementsReceived;
    }

    /** Messages fetched from the archive to catch up (0 after a resume). */
    public int archivedMessages() {
        return archivedMessages;
    }

    @Override
    public String toString() {
        return (resumed ? "resume" : "login") + ": " + roundTrips + " round trips, " + bytesSent + " B sent / "
                + bytesReceived + " B received, " + elementsSent + "/" + elementsReceived + " elements, "
                + archivedMessages + " archived messages, " + rosterItems + " roster items";
    }
}
