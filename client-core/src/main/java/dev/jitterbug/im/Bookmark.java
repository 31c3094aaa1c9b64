package dev.jitterbug.im;

import dev.jitterbug.Jid;

/** A room the user keeps (XEP-0402): where, under which nickname, and whether to join it at sign-in. Immutable. */
public final class Bookmark {
    private final Jid room;
    private final String name;
    private final String nick;
    private final boolean autojoin;

    public Bookmark(Jid room, String name, String nick, boolean autojoin) {
        this.room = room.bare();
        this.name = name;
        this.nick = nick;
        this.autojoin = autojoin;
    }

    public Jid room() {
        return room;
    }

    /** The name the user gave it, or null. */
    public String name() {
        return name;
    }

    /** The nickname to join with, or null (the client picks one). */
    public String nick() {
        return nick;
    }

    public boolean autojoin() {
        return autojoin;
    }

    @Override
    public String toString() {
        return room + (nick != null ? " as " + nick : "") + (autojoin ? " (autojoin)" : "");
    }
}
