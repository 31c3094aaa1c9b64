package dev.jitterbug.im;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the next catch-up starts when a catch-up is interrupted: these are the paths that lost whole clusters of
 * messages in the 10-minute soak (a live message moved the starting point past messages never fetched).
 */
class CatchUpsTest {
    private static final Jid BOB = Jid.parse("bob@localhost");
    private static final Jid CAROL = Jid.parse("carol@localhost");
    private static final Jid ROOM = Jid.parse("lobby@conference.localhost");
    private static final long NOW = 1_800_000_000_000L;

    private InMemoryKeyValueStore store;

    @BeforeEach
    void aClientThatSawMessageA() {
        store = new InMemoryKeyValueStore();
        CatchUps first = new CatchUps(store, BOB);
        assertThat(first.begin(NOW, Collections.emptyList())).as("the very first session misses nothing").isEmpty();
        assertThat(first.onLive(live("A"), parsed(live("A")))).as("nothing held without a catch-up").isFalse();
        first.finish(true);
    }

    @Test
    void aNewSessionAsksForWhatCameAfterTheLastMessageSeen() {
        CatchUps catchUps = new CatchUps(store, BOB);
        assertThat(after(catchUps.begin(NOW, Collections.emptyList()))).isEqualTo("A");
    }

    @Test
    void aLiveMessageHeldWhenTheSessionEndsIsFetchedAgainInOrderNotSkippedOver() {
        CatchUps catchUps = new CatchUps(store, BOB);
        catchUps.begin(NOW, Collections.emptyList());
        assertThat(catchUps.onLive(live("Z"), parsed(live("Z")))).as("held during the catch-up").isTrue();

        assertThat(catchUps.finish(true)).as("dropped: the archive has it after the gap").isEmpty();

        CatchUps afterRestart = new CatchUps(store, BOB); // even across a restart of the app
        assertThat(after(afterRestart.begin(NOW, Collections.emptyList())))
                .as("the next catch-up still starts after A, so B..Y are not skipped").isEqualTo("A");
    }

    @Test
    void aStalledCatchUpShowsHeldMessagesButKeepsItsStartingPointAndIsRetriedABoundedNumberOfTimes() {
        CatchUps catchUps = new CatchUps(store, BOB);
        List<Element> queries = catchUps.begin(NOW, Collections.emptyList());
        catchUps.archived(archived(queries.get(0), "B"), NOW);
        catchUps.onLive(live("Z"), parsed(live("Z")));

        assertThat(catchUps.finish(false)).as("a stall shows what was held").hasSize(1);
        assertThat(catchUps.hasUnfinished()).isTrue();
        catchUps.onLive(live("Z2"), parsed(live("Z2")));
        assertThat(after(catchUps.retryUnfinished(2))).as("resumes after the last fetched one, not after Z2")
                .isEqualTo("B");
        catchUps.finish(false);
        assertThat(catchUps.retryUnfinished(2)).hasSize(1);
        catchUps.finish(false);
        assertThat(catchUps.retryUnfinished(2)).as("the retry budget is spent").isEmpty();
    }

    @Test
    void aCompletedCatchUpLetsLiveMessagesMoveTheStartingPointAgain() {
        CatchUps catchUps = new CatchUps(store, BOB);
        List<Element> queries = catchUps.begin(NOW, Collections.emptyList());
        assertThat(catchUps.onAnswer(fin(queries.get(0), "C"), NOW)).as("complete: no next page").isNull();
        assertThat(catchUps.isRunning()).isFalse();
        assertThat(catchUps.hasUnfinished()).isFalse();
        assertThat(catchUps.onLive(live("D"), parsed(live("D")))).isFalse();
        catchUps.finish(true);

        assertThat(after(new CatchUps(store, BOB).begin(NOW, Collections.emptyList()))).isEqualTo("D");
    }

    @Test
    void anErrorAnswerLeavesTheGapOpenForARetry() {
        CatchUps catchUps = new CatchUps(store, BOB);
        List<Element> queries = catchUps.begin(NOW, Collections.emptyList());
        Element error = Element.builder("iq", Namespaces.CLIENT).attr("type", "error")
                .attr("id", queries.get(0).attr("id")).build();
        assertThat(catchUps.onAnswer(error, NOW)).isNull();
        assertThat(catchUps.isRunning()).isFalse();
        assertThat(catchUps.hasUnfinished()).isTrue();
        assertThat(after(catchUps.retryUnfinished(5))).isEqualTo("A");
    }

    @Test
    void aServerWithoutTheArchiveIsNotAskedAgainNorRetriedForADay() {
        CatchUps catchUps = new CatchUps(store, BOB);
        List<Element> queries = catchUps.begin(NOW, Collections.emptyList());
        Element notHere = Element.builder("iq", Namespaces.CLIENT).attr("type", "error")
                .attr("id", queries.get(0).attr("id"))
                .child(Element.builder("error", Namespaces.CLIENT).attr("type", "cancel")
                        .child(Element.builder("feature-not-implemented", "urn:ietf:params:xml:ns:xmpp-stanzas")))
                .build();

        assertThat(catchUps.onAnswer(notHere, NOW)).isNull();

        assertThat(catchUps.hasUnfinished()).as("nothing to retry: there is no archive").isFalse();
        assertThat(catchUps.retryUnfinished(5)).isEmpty();
        catchUps.finish(true);
        assertThat(new CatchUps(store, BOB).begin(NOW + 3_600_000, Collections.emptyList()))
                .as("the next login does not ask").isEmpty();
        assertThat(new CatchUps(store, BOB).begin(NOW + ArchiveCatchUp.UNSUPPORTED_RECHECK_MILLIS,
                Collections.emptyList())).as("but checks again after a day").hasSize(1);
    }

    @Test
    void aHeldRoomMessageIsShownOnSessionLossWhenOnlyAnotherArchiveHasAGap() {
        CatchUps catchUps = new CatchUps(store, BOB);
        catchUps.joining(ROOM, NOW); // first join: the room's history comes with the join, no gap
        List<Element> queries = catchUps.begin(NOW, Collections.singletonList(ROOM));
        assertThat(queries).as("only our own archive has a gap").hasSize(1);
        Element roomMessage = Element.builder("message", Namespaces.CLIENT).attr("type", "groupchat")
                .attr("from", ROOM.withResource("carol").toString()).attr("to", BOB.toString())
                .textChild("body", "hi room")
                .child(Element.builder("stanza-id", MessageStanzas.SID).attr("by", ROOM.toString()).attr("id", "R1"))
                .build();
        assertThat(catchUps.onLive(roomMessage, parsed(roomMessage))).isTrue();

        assertThat(catchUps.finish(true)).as("no catch-up would bring it back").hasSize(1);
    }

    private static Element live(String archiveId) {
        return Element.builder("message", Namespaces.CLIENT).attr("type", "chat").attr("from", CAROL + "/phone")
                .attr("to", BOB.toString()).textChild("body", "message " + archiveId)
                .child(Element.builder("stanza-id", MessageStanzas.SID).attr("by", BOB.toString()).attr("id", archiveId))
                .build();
    }

    private static ChatMessage parsed(Element stanza) {
        return MessageStanzas.parse(stanza, BOB, NOW);
    }

    private static Element archived(Element query, String archiveId) {
        String queryId = query.child("query", MessageStanzas.MAM).attr("queryid");
        return Element.builder("message", Namespaces.CLIENT).attr("to", BOB.toString())
                .child(Element.builder("result", MessageStanzas.MAM).attr("queryid", queryId).attr("id", archiveId)
                        .child(Element.builder("forwarded", MessageStanzas.FORWARD)
                                .child(Element.builder("delay", MessageStanzas.DELAY).attr("stamp",
                                        "2027-01-15T08:00:00Z"))
                                .child(live(archiveId))))
                .build();
    }

    private static Element fin(Element query, String last) {
        return Element.builder("iq", Namespaces.CLIENT).attr("type", "result").attr("id", query.attr("id"))
                .child(Element.builder("fin", MessageStanzas.MAM).attr("complete", "true")
                        .child(Element.builder("set", "http://jabber.org/protocol/rsm").textChild("last", last)))
                .build();
    }

    /** The RSM "after" id the catch-up query asks for (exactly one query expected). */
    private static String after(List<Element> queries) {
        assertThat(queries).hasSize(1);
        return queries.get(0).child("query", MessageStanzas.MAM).child("set", "http://jabber.org/protocol/rsm")
                .childText("after", "http://jabber.org/protocol/rsm");
    }
}
