package dev.jitterbug.transport;

import dev.jitterbug.Failure;
import dev.jitterbug.xml.Element;

/** Receives what a {@link Transport} reads. */
public interface TransportListener {
    /** The server opened (or re-opened, after a restart) the stream; {@code header} is its open/body element. */
    void onStreamOpened(Element header);

    /** One top-level element: stream features, a stanza, a nonza. */
    void onElement(Element element);

    /**
     * An HTTP exchange failed and was repeated, so an answer the server wrote to the dead connection may be gone
     * (BOSH: a connection manager can answer a request whose connection it has not yet seen die, and then has
     * nothing to replay). Called before the elements of the next answer; what was lost is in the server's archive.
     */
    void onAnswersMaybeLost();

    /** The transport is finished; always the last event, delivered once. */
    void onClosed(Failure failure);
}
