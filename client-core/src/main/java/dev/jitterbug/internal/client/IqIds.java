package dev.jitterbug.internal.client;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The iq ids one handler minted and still waits an answer for: each handler knows its answers by id, not prefix. */
final class IqIds {
    private final String prefix;
    private final Set<String> pending = new HashSet<>();

    IqIds(String prefix) {
        this.prefix = prefix;
    }

    /** A new id, remembered until its answer arrives. */
    String mint() {
        String id = prefix + "-" + UUID.randomUUID();
        pending.add(id);
        return id;
    }

    /** Whether the id is one of ours (and forgets it: an iq has one answer). */
    boolean answers(String id) {
        return id != null && pending.remove(id);
    }

    /** A new session: answers to the old one's requests will not come. */
    void clear() {
        pending.clear();
    }
}
