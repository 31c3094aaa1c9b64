package dev.jitterbug.transport;

/** XML namespaces the transports and the session share. */
public final class Namespaces {
    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String CLIENT = "jabber:client";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String SASL2 = "urn:xmpp:sasl:2";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String BIND2 = "urn:xmpp:bind:0";
    public static final String SM = "urn:xmpp:sm:3";
    public static final String HTTPBIND = "http://jabber.org/protocol/httpbind";
    public static final String XBOSH = "urn:xmpp:xbosh";
    public static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private Namespaces() {
    }
}
