package dev.jitterbug.internal.client;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.Contact;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.SessionCost;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The client's listeners, and the one place each kind of news reaches them (on the event thread, in order). */
final class Listeners implements ClientListener {
    private final List<ClientListener> all = new CopyOnWriteArrayList<>();

    void add(ClientListener listener) {
        all.add(listener);
    }

    void remove(ClientListener listener) {
        all.remove(listener);
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        all.forEach(l -> l.onConnectionEvent(event));
    }

    @Override
    public void onMessage(ChatMessage message) {
        all.forEach(l -> l.onMessage(message));
    }

    @Override
    public void onRoster(List<Contact> contacts) {
        all.forEach(l -> l.onRoster(contacts));
    }

    @Override
    public void onRoomJoined(Jid room, String nick) {
        all.forEach(l -> l.onRoomJoined(room, nick));
    }

    @Override
    public void onDelivery(OutgoingMessage message) {
        all.forEach(l -> l.onDelivery(message));
    }

    @Override
    public void onSessionCost(SessionCost cost) {
        all.forEach(l -> l.onSessionCost(cost));
    }
}
