package dev.jitterbug;

/**
 * What acquiring the current session cost, from the stream open until it was ready to use (resumed, or logged in
 * with the roster checked and the archive caught up): how it logged in, its round trips, bytes and elements — the
 * "do not hit the backend twice" numbers for the diagnostics and the benchmarks. Known from the moment the session is
 * established; {@link #archivedMessages()} and {@link #rosterItems()} are -1 until the catch-up after a new login has
 * finished (then a new value replaces this one).
 */
public final class SessionCost {
    private final TransportKind transport;
    private final String mechanism;
    private final boolean sasl2;
    private final boolean resumed;
    private final int roundTrips;
    private final long bytesSent;
    private final long bytesReceived;
    private final long elementsSent;
    private final long elementsReceived;
    private final int archivedMessages;
    private final int rosterItems;
    private final boolean keysDerived;

    public SessionCost(TransportKind transport, String mechanism, boolean sasl2, boolean resumed, int roundTrips,
            long bytesSent, long bytesReceived, long elementsSent, long elementsReceived, int archivedMessages,
            int rosterItems) {
        this(transport, mechanism, sasl2, resumed, roundTrips, bytesSent, bytesReceived, elementsSent,
                elementsReceived, archivedMessages, rosterItems, false);
    }

    /**
     * @param keysDerived whether the login derived its SCRAM keys from the password (PBKDF2, the client's most
     *                    expensive step) instead of using the keys kept from an earlier login
     */
    public SessionCost(TransportKind transport, String mechanism, boolean sasl2, boolean resumed, int roundTrips,
            long bytesSent, long bytesReceived, long elementsSent, long elementsReceived, int archivedMessages,
            int rosterItems, boolean keysDerived) {
        this.keysDerived = keysDerived;
        this.transport = transport;
        this.mechanism = mechanism;
        this.sasl2 = sasl2;
        this.resumed = resumed;
        this.roundTrips = roundTrips;
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
        this.elementsSent = elementsSent;
        this.elementsReceived = elementsReceived;
        this.archivedMessages = archivedMessages;
        this.rosterItems = rosterItems;
    }

    /** Whether the login derived its SCRAM keys from the password rather than using kept ones. */
    public boolean keysDerived() {
        return keysDerived;
    }

    public TransportKind transport() {
        return transport;
    }

    /** The SASL mechanism of the login ({@code SCRAM-SHA-256} …), or of the login the resumed session began with. */
    public String mechanism() {
        return mechanism;
    }

    /** Whether the login used SASL2 (XEP-0388) with Bind2. */
    public boolean sasl2() {
        return sasl2;
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

    /** Messages fetched from the archive to catch up (0 after a resume); -1 while the catch-up runs. */
    public int archivedMessages() {
        return archivedMessages;
    }

    /** Roster items transferred (0 after a resume, and 0 when roster versioning said "unchanged"); -1 until known. */
    public int rosterItems() {
        return rosterItems;
    }

    /** Whether the numbers are final (a resume, or a login whose catch-up has finished). */
    public boolean complete() {
        return archivedMessages >= 0 && rosterItems >= 0;
    }

    @Override
    public String toString() {
        return (resumed ? "resume" : "login") + " over " + transport.label() + " (" + (sasl2 ? "SASL2 " : "")
                + mechanism + "): " + roundTrips + " round trips, " + bytesSent + " B sent / " + bytesReceived
                + " B received, " + elementsSent + "/" + elementsReceived + " elements, " + archivedMessages
                + " archived messages, " + rosterItems + " roster items";
    }
}
