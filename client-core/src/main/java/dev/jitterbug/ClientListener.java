package dev.jitterbug;

/**
 * What a UI hears from a {@link JitterbugClient}. All calls arrive on the client's own event thread, in order;
 * a UI marshals them onto its thread in one place. Every method has an empty default.
 */
public interface ClientListener {
    /** The connection moved to a new state. */
    default void onConnectionEvent(ConnectionEvent event) {
    }

    /** A message arrived (or our own, reflected by a room or sent from another device). */
    default void onMessage(ChatMessage message) {
    }

    /** The contact list changed (a fetch that brought news, or a push). */
    default void onRoster(java.util.List<Contact> contacts) {
    }

    /** A room was joined because it is bookmarked (XEP-0402), e.g. at login on a new device. */
    default void onRoomJoined(Jid room, String nick) {
    }

    /** One of our messages changed delivery state. */
    default void onDelivery(OutgoingMessage message) {
    }

    /** What acquiring the session cost is known, or more of it (the catch-up after a new login has finished). */
    default void onSessionCost(SessionCost cost) {
    }
}
