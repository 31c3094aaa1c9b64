package dev.jitterbug.reconnect;

import dev.jitterbug.FailureCategory;
import dev.jitterbug.StopReason;

/** A failure's category, why it stops reconnecting (fatal ones only), and the reason in words for the timeline. */
public final class FailureClassification {
    private final FailureCategory category;
    private final StopReason stopReason;
    private final String reason;

    FailureClassification(FailureCategory category, StopReason stopReason, String reason) {
        this.category = category;
        this.stopReason = stopReason;
        this.reason = reason;
    }

    public FailureCategory category() {
        return category;
    }

    /** Why retrying cannot help, for {@link FailureCategory#FATAL}; null otherwise. */
    public StopReason stopReason() {
        return stopReason;
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
