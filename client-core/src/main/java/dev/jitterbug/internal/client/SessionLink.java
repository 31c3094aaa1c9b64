package dev.jitterbug.internal.client;

import dev.jitterbug.xml.Element;

/** What the stanza handlers may do with the current session. All on the client's event thread. */
interface SessionLink {
    /** Whether a live session is up to send on. */
    boolean isOnline();

    /** Sends on the current session (counted and re-sent by XEP-0198 when the link breaks). */
    void send(Element stanza);
}
