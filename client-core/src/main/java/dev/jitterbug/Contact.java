package dev.jitterbug;

/** A roster entry: someone in the user's contact list. Immutable. */
public final class Contact {
    private final Jid jid;
    private final String name;
    private final String subscription;

    public Contact(Jid jid, String name, String subscription) {
        this.jid = jid;
        this.name = name;
        this.subscription = subscription;
    }

    public Jid jid() {
        return jid;
    }

    /** The name the user gave the contact, or null. */
    public String name() {
        return name;
    }

    /** none, to, from or both (RFC 6121). */
    public String subscription() {
        return subscription;
    }

    @Override
    public String toString() {
        return jid + (name != null ? " (" + name + ")" : "");
    }
}
