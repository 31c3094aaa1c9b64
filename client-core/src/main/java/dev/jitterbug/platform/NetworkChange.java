package dev.jitterbug.platform;

/** One thing the machine's network did, with a sentence for the logs and the diagnostics. */
public final class NetworkChange {
    /** What happened. */
    public enum Kind {
        /** Addresses or the default route changed: a live connection may have died silently. */
        CHANGED,
        /** No usable network is left (only loopback and link-local addresses). */
        LOST,
        /** A usable network is back after {@link #LOST}. */
        BACK,
        /** The machine woke from sleep: every connection may be long dead. */
        WOKE
    }

    private final Kind kind;
    private final String description;

    public NetworkChange(Kind kind, String description) {
        if (kind == null) {
            throw new IllegalArgumentException("a network change needs a kind");
        }
        this.kind = kind;
        this.description = description == null ? kind.name() : description;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return kind + ": " + description;
    }
}
