package dev.jitterbug.transport;

import dev.jitterbug.Failure;
import dev.jitterbug.xml.Element;

/** Receives what a {@link Transport} reads. */
public interface TransportListener {
    /** The server opened (or re-opened, after a restart) the stream; {@code header} is its open/body element. */
    void onStreamOpened(Element header);

    /** One top-level element: stream features, a stanza, a nonza. */
    void onElement(Element element);

    /** The transport is finished; always the last event, delivered once. */
    void onClosed(Failure failure);
}
