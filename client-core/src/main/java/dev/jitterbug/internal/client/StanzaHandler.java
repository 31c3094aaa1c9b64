package dev.jitterbug.internal.client;

import dev.jitterbug.xml.Element;

/**
 * One stage of the chain an incoming stanza passes through (OkHttp's interceptor chain, for stanzas): each stage
 * owns one concern and the iq ids it minted, and says whether it consumed the stanza. All on the event thread.
 */
interface StanzaHandler {
    /** Returns true when this stage handled the stanza and later stages must not see it. */
    boolean handle(Element stanza);
}
