package dev.jitterbug.internal.client;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import dev.jitterbug.im.CatchUps;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.Retries;
import dev.jitterbug.reconnect.RetryCause;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.reconnect.RetryPolicy;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the archive catch-ups of a session ({@link CatchUps}: our own archive and each joined room's) on the event
 * thread: sends their queries, takes their answers, holds live messages back while they run, watches for a stall, and
 * asks an archive again later (bounded, each wait from the {@link RetryPlanner}) when its catch-up failed or stalled.
 */
final class CatchUpHandler implements StanzaHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CatchUpHandler.class);
    /** A catch-up that gets no answer for this long is stalled: held messages are shown, it is retried later. */
    static final long STALL_MILLIS = 15_000;
    /** Restarts of an unfinished catch-up per session, so a broken archive cannot loop. */
    static final int RETRIES = 5;

    private final CatchUps catchUps;
    private final Jid self;
    private final Scheduler scheduler;
    private final SessionLink link;
    private final Retries retries;
    private final Consumer<ChatMessage> show;
    private final Runnable done;
    private Scheduler.Cancellable stallWatch;
    private int session;

    /**
     * @param show shows a message that was held back (or fetched) — the inbox's delivery
     * @param done runs when a round of catch-ups ends (done, failed or stalled): what waited for it may go
     */
    CatchUpHandler(CatchUps catchUps, Jid self, Scheduler scheduler, SessionLink link, RetryPlanner planner,
            Consumer<ChatMessage> show, Runnable done) {
        this.catchUps = catchUps;
        this.self = self;
        this.scheduler = scheduler;
        this.link = link;
        this.retries = new Retries(RetryPolicy.CATCH_UP_RETRY, planner);
        this.show = show;
        this.done = done;
    }

    /**
     * A session is ready. A new one first learns from the archives what it missed (and which of our unconfirmed
     * messages the server stored); a resumed one only finishes what the last session could not. Returns whether a
     * catch-up now runs ({@code done} follows when it ends).
     */
    boolean sessionStarted(boolean resumed, Collection<Jid> joinedRooms) {
        session++;
        retries.reset();
        List<Element> queries = resumed ? catchUps.afterResume(RETRIES)
                : catchUps.begin(scheduler.currentTimeMillis(), joinedRooms);
        send(queries);
        return !queries.isEmpty();
    }

    /**
     * In the middle of a session, stanzas the server sent may have been lost on the way: asks the archives for what
     * came after the last message seen, holding live messages back meanwhile so they are shown in order, once each.
     */
    void recheck(Collection<Jid> joinedRooms) {
        if (!catchUps.isRunning()) {
            send(catchUps.begin(scheduler.currentTimeMillis(), joinedRooms));
        }
    }

    /** The session ended: stop, show what was held (unless the next catch-up brings it back in order). */
    void sessionEnded() {
        cancelStallWatch();
        catchUps.finish(true).forEach(show);
    }

    /** A room let us in late: fetch what it said meanwhile. */
    void catchUpRoom(Element query) {
        send(Collections.singletonList(query));
    }

    boolean isRunning() {
        return catchUps.isRunning();
    }

    /** Archived messages the last round fetched. */
    int fetched() {
        return catchUps.fetched();
    }

    /** An archive result from one of our queries: the message it holds (null if none), progress noted. */
    ChatMessage archived(Element result) {
        ChatMessage archived = catchUps.archived(result, System.currentTimeMillis());
        if (catchUps.isRunning()) {
            watchForStall();
        }
        return archived;
    }

    /** A live message: remembered as the archives' newest, and held back while a catch-up runs (true). */
    boolean holdsBack(Element stanza, ChatMessage parsed) {
        return catchUps.onLive(stanza, parsed);
    }

    /** The answers to our archive queries. */
    @Override
    public boolean handle(Element iq) {
        String id = iq.attr("id");
        String type = iq.attr("type");
        if (!iq.is("iq", Namespaces.CLIENT) || id == null || !catchUps.owns(id)
                || !("result".equals(type) || "error".equals(type))) {
            return false;
        }
        Element next = catchUps.onAnswer(iq, scheduler.currentTimeMillis());
        if (next != null) {
            link.send(next);
            watchForStall();
        } else if (!catchUps.isRunning()) {
            cancelStallWatch();
            finishRound();
        }
        return true;
    }

    private void send(List<Element> queries) {
        if (!queries.isEmpty()) {
            queries.forEach(link::send);
            watchForStall();
        }
    }

    /** (Re)starts the stall watch: it runs from the last sign of progress, so a long but moving catch-up is fine. */
    private void watchForStall() {
        cancelStallWatch();
        stallWatch = scheduler.schedule(() -> {
            stallWatch = null;
            if (catchUps.isRunning()) {
                LOG.info("{}: archive catch-up stalled; showing held messages, retrying later", self);
                finishRound();
            }
        }, STALL_MILLIS);
    }

    private void cancelStallWatch() {
        if (stallWatch != null) {
            stallWatch.cancel();
            stallWatch = null;
        }
    }

    private void finishRound() {
        catchUps.finish(false).forEach(show);
        done.run();
        if (catchUps.hasUnfinished()) {
            retryLater();
        }
    }

    /** An archive answered with an error or stalled: ask again later, while this session lasts, a few times. */
    private void retryLater() {
        int current = session;
        long delay = retries.next(RetryCause.BACKOFF).millis();
        scheduler.schedule(() -> {
            if (session == current && link.isOnline() && !catchUps.isRunning()) {
                send(catchUps.retryUnfinished(RETRIES));
            }
        }, delay);
    }
}
