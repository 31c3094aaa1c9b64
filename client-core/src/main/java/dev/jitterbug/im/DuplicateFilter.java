package dev.jitterbug.im;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the ids of recent messages (origin-id, else stanza-id, else id) so a message that arrives twice —
 * re-sent after a failed resume, reflected by a room, replayed by archive catch-up — is shown once.
 */
public final class DuplicateFilter {
    private final Map<String, Boolean> seen;

    public DuplicateFilter(int capacity) {
        this.seen = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Returns true the first time a key is offered, false afterwards. Null keys are always new. */
    public boolean firstTime(String conversation, String key) {
        if (key == null) {
            return true;
        }
        return seen.put(conversation + "\n" + key, Boolean.TRUE) == null;
    }
}
