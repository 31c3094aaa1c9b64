package dev.jitterbug.im;

import dev.jitterbug.Jid;

/** One roster entry (RFC 6121): the contact's address and the name the user gave it. Immutable. */
public final class Contact {
    private final Jid jid;
    private final String name;
    private final String subscription;

    public Contact(Jid jid, String name, String subscription) {
        this.jid = jid.bare();
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

    /** {@code none}, {@code to}, {@code from} or {@code both}. */
    public String subscription() {
        return subscription;
    }

    @Override
    public String toString() {
        return jid + (name != null ? " (" + name + ")" : "");
    }
}
