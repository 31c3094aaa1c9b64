package dev.jitterbug.reconnect;

/** A failure's category and the reason, in words for the diagnostics timeline. */
public final class FailureClassification {
    private final FailureCategory category;
    private final String reason;

    FailureClassification(FailureCategory category, String reason) {
        this.category = category;
        this.reason = reason;
    }

    public FailureCategory category() {
        return category;
    }

    /** Why the failure falls in its category, e.g. "the server is shutting down". */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return category + ": " + reason;
    }
}
