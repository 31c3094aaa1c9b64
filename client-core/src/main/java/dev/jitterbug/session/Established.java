package dev.jitterbug.session;

import dev.jitterbug.transport.Transport;

/** The outcome of a successful login or resumption, with what it cost. */
public final class Established {
    private final Transport transport;
    private final String boundJid;
    private final boolean resumed;
    private final boolean sasl2;
    private final String mechanism;
    private final int roundTrips;
    private final long resumedAckedCount;
    private final FeatureHints hints;
    private final boolean keysDerived;

    Established(Transport transport, String boundJid, boolean resumed, boolean sasl2, String mechanism,
            int roundTrips, long resumedAckedCount, FeatureHints hints, boolean keysDerived) {
        this.transport = transport;
        this.boundJid = boundJid;
        this.resumed = resumed;
        this.sasl2 = sasl2;
        this.mechanism = mechanism;
        this.roundTrips = roundTrips;
        this.resumedAckedCount = resumedAckedCount;
        this.hints = hints;
        this.keysDerived = keysDerived;
    }

    /** Whether this login derived SCRAM keys from the password (PBKDF2) instead of using kept ones. */
    public boolean keysDerived() {
        return keysDerived;
    }

    public Transport transport() {
        return transport;
    }

    /** The full JID the server bound (for a resume, the one bound before). */
    public String boundJid() {
        return boundJid;
    }

    public boolean resumed() {
        return resumed;
    }

    public boolean sasl2() {
        return sasl2;
    }

    public String mechanism() {
        return mechanism;
    }

    /** Round trips from the stream open to the established session (not counting TCP/TLS/HTTP handshakes). */
    public int roundTrips() {
        return roundTrips;
    }

    /** For a resume: the server's h (how many of our stanzas it had handled); -1 otherwise. */
    public long resumedAckedCount() {
        return resumedAckedCount;
    }

    public FeatureHints hints() {
        return hints;
    }
}
