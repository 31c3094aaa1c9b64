package dev.jitterbug.internal.client;

import dev.jitterbug.Contact;
import dev.jitterbug.Jid;
import dev.jitterbug.im.Roster;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.List;

/** The contact list: fetched (versioned) after each new login, kept current by pushes, changed on request. */
final class RosterHandler implements StanzaHandler {
    private final Roster roster;
    private final Jid self;
    private final SessionLink link;
    private final Listeners listeners;
    private final IqIds fetches = new IqIds("roster-get");
    private final IqIds changes = new IqIds("roster-set");
    private volatile List<Contact> contacts;

    RosterHandler(Roster roster, Jid self, SessionLink link, Listeners listeners) {
        this.roster = roster;
        this.self = self.bare();
        this.link = link;
        this.listeners = listeners;
        this.contacts = roster.contacts();
    }

    /** The contact list as last known (any thread). */
    List<Contact> contacts() {
        return contacts;
    }

    /** Items the last fetch transferred (0 when the version said "unchanged"). */
    int lastFetchItems() {
        return roster.lastFetchItems();
    }

    /** A new login: ask for the roster, with the version we hold. */
    void newSession() {
        fetches.clear();
        changes.clear();
        link.send(roster.request(fetches.mint()));
    }

    /** Adds or renames a contact (the server pushes the change back to every session). */
    void add(Jid contact, String name) {
        if (link.isOnline()) {
            link.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", changes.mint())
                    .child(Element.builder("query", Roster.NS).child(Element.builder("item", Roster.NS)
                            .attr("jid", contact.bare().toString()).attr("name", name)))
                    .build());
        }
    }

    @Override
    public boolean handle(Element stanza) {
        if (!stanza.is("iq", Namespaces.CLIENT)) {
            return false;
        }
        if (fetches.answers(stanza.attr("id"))) {
            if ("result".equals(stanza.attr("type")) && roster.onResult(stanza)) {
                changed();
            }
            return true;
        }
        if (changes.answers(stanza.attr("id"))) {
            return true; // the server pushes the change itself
        }
        if (isPush(stanza)) {
            roster.onPush(stanza);
            changed();
            link.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "result").attr("id", stanza.attr("id"))
                    .build());
            return true;
        }
        return false;
    }

    /** RFC 6121 §2.1.6: a push is an iq set with a roster query from our own account (or from no one). */
    private boolean isPush(Element iq) {
        String from = iq.attr("from");
        return "set".equals(iq.attr("type")) && iq.child("query", Roster.NS) != null
                && (from == null || Jid.parse(from).bare().equals(self));
    }

    private void changed() {
        contacts = roster.contacts();
        listeners.onRoster(contacts);
    }
}
