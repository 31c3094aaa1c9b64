package dev.jitterbug.testing;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records everything a client reports, for assertions. */
public class RecordingListener implements ClientListener {
    public final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    public final List<ChatMessage> messages = new CopyOnWriteArrayList<>();
    public final List<OutgoingMessage> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void onMessage(ChatMessage message) {
        messages.add(message);
    }

    @Override
    public void onDelivery(OutgoingMessage message) {
        deliveries.add(message);
    }

    public List<ConnectionState> states() {
        return events.stream().map(ConnectionEvent::state).collect(Collectors.toList());
    }

    public ConnectionEvent lastEvent() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    public List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        for (ChatMessage message : messages) {
            bodies.add(message.body());
        }
        return bodies;
    }
}
