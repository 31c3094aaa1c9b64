package dev.jitterbug.fx.chat;

/**
 * Which messages share a header: consecutive messages from one sender, on one day, each within
 * {@link #GAP_MILLIS} of the one before, show the name and avatar once.
 */
public final class MessageGrouping {
    /** A longer pause than this starts a new group, with the name and avatar again. */
    public static final long GAP_MILLIS = 5 * 60_000L;

    private final DayLabels days;

    public MessageGrouping(DayLabels days) {
        this.days = days;
    }

    /** Whether {@code current} continues the group of {@code previous} (null for the first message). */
    public boolean continues(MessageItem previous, MessageItem current) {
        if (previous == null) {
            return false;
        }
        long before = previous.message().timestampMillis();
        long now = current.message().timestampMillis();
        return previous.senderKey().equals(current.senderKey())
                && Math.abs(now - before) <= GAP_MILLIS
                && !days.differentDays(before, now);
    }
}
