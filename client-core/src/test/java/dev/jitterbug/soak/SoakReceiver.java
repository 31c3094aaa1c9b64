package dev.jitterbug.soak;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one soak client was shown: soak messages per stream, anything meant for someone else, and its events. */
final class SoakReceiver implements ClientListener {
    final String user;
    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    /** Bodies that are not soak messages (check-ins, markers), in arrival order. */
    final List<String> others = new CopyOnWriteArrayList<>();
    /** Messages shown to this user although they were meant for another one (never acceptable). */
    final List<String> misdelivered = new CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> byStream = new ConcurrentHashMap<>();

    SoakReceiver(String user) {
        this.user = user;
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void onMessage(ChatMessage message) {
        if (message.outgoing()) {
            return;
        }
        SoakBody body = SoakBody.parse(message.body());
        if (body == null) {
            others.add(message.body());
            return;
        }
        boolean forUs = SoakBody.ROOM.equals(body.recipient) ? message.kind() == ChatMessage.Kind.GROUPCHAT
                : body.recipient.equals(user) && message.kind() != ChatMessage.Kind.GROUPCHAT;
        String claimedSender = message.kind() == ChatMessage.Kind.GROUPCHAT ? message.from().resource()
                : message.from().local();
        if (!forUs || body.sender.equals(user) || !body.sender.equals(claimedSender)) {
            misdelivered.add(user + " was shown '" + message.body() + "' from " + message.from());
            return;
        }
        byStream.computeIfAbsent(body.stream(), k -> new CopyOnWriteArrayList<>()).add(body.sequence);
    }

    List<Long> received(String stream) {
        return byStream.getOrDefault(stream, new ArrayList<>());
    }

    int sessionsLost() {
        return (int) events.stream().filter(e -> e.state() == ConnectionState.DISCONNECTED).count();
    }
}
