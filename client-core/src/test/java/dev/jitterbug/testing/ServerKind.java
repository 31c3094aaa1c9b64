package dev.jitterbug.testing;

/**
 * The server implementations the protocol tests run against. A test that runs on both takes the kind as its first
 * parameter ({@code @EnumSource(ServerKind.class)}, or a column of a {@code @CsvSource}) and gets the class's server
 * of that kind from {@link TestServers}.
 */
public enum ServerKind {
    /** Prosody 0.12 (Debian 12): SASL2 + Bind2; no resumption over BOSH. */
    PROSODY {
        @Override
        XmppTestServer create() {
            return ProsodyServer.create();
        }
    },
    /** ejabberd 23.01 (Debian 12): no SASL2, Bind2 or FAST (those came in 24.x). */
    EJABBERD {
        @Override
        XmppTestServer create() {
            return EjabberdServer.create();
        }
    };

    /** Creates (but does not start) a server of this kind in a new folder. */
    abstract XmppTestServer create();

    /** Whether the server offers SASL2 with Bind2 (XEP-0388, XEP-0386). */
    public boolean offersSasl2() {
        return this == PROSODY;
    }

    /** Whether a BOSH session can be resumed (XEP-0198); Prosody 0.12.3's mod_smacks crashes trying. */
    public boolean resumesOverBosh() {
        return this == EJABBERD;
    }
}
