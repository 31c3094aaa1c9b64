package dev.jitterbug.transport.discovery;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.List;

/** Records what a transport tells the session above it. */
final class RecordingTransportListener implements TransportListener {
    final List<Element> opened = new ArrayList<>();
    final List<Failure> closed = new ArrayList<>();

    @Override
    public void onStreamOpened(Element header) {
        opened.add(header);
    }

    @Override
    public void onElement(Element element) {
    }

    @Override
    public void onAnswersMaybeLost() {
    }

    @Override
    public void onClosed(Failure failure) {
        closed.add(failure);
    }
}
