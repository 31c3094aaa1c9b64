package dev.jitterbug.transport.bosh;

import dev.jitterbug.reconnect.Retries;
import dev.jitterbug.reconnect.RetryCause;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.reconnect.RetryPolicy;
import java.util.TreeMap;

/**
 * The resends of one BOSH session (XEP-0124 §14.3: a failed exchange is repeated with the same rid): their waits,
 * what may go out beside them, and whether an answer may have been lost. Not thread-safe: the transport's lock
 * guards it.
 */
final class BoshResends {
    private final RetryPlanner planner;
    /** Failed rids being resent, each with its own burst of waits, until they are answered. */
    private final TreeMap<Long, Retries> resending = new TreeMap<>();
    private int waiting;
    private boolean answersMaybeLost;

    BoshResends(RetryPlanner planner) {
        this.planner = planner;
    }

    /**
     * A failed exchange of {@code rid} is to be sent again: returns how long to wait first. {@code sessionLive}:
     * whether an answer the server wrote to the dead connection could have carried stanzas.
     */
    long scheduled(long rid, long retryAfterMillis, boolean sessionLive) {
        waiting++;
        answersMaybeLost |= sessionLive;
        return resending.computeIfAbsent(rid, r -> new Retries(RetryPolicy.BOSH_RESEND, planner))
                .next(RetryCause.BACKOFF, retryAfterMillis).millis();
    }

    /** A resend's wait is over: it goes out now. */
    void posted() {
        waiting--;
    }

    /** The rid got its answer. */
    void answered(long rid) {
        resending.remove(rid);
    }

    /**
     * Whether a request with {@code rid} may go out now. Nothing newer while a resend waits out its delay; once
     * resends are on their way, at most {@code requests - 1} newer rids beside them, because the server replays only
     * its last few answers (Prosody: hold + 1) and newer ones must not push out one we lost. Not none: Prosody holds
     * a resent rid it never answered like a poll until a newer request comes, and waiting for it would stall every
     * stanza for {@code wait}.
     */
    boolean allows(long rid, int maxRequests) {
        return waiting == 0 && (resending.isEmpty() || rid < resending.firstKey() + maxRequests);
    }

    /** Whether an answer may have been lost since the last call (then false until the next failure). */
    boolean takeAnswersMaybeLost() {
        boolean maybe = answersMaybeLost;
        answersMaybeLost = false;
        return maybe;
    }
}
