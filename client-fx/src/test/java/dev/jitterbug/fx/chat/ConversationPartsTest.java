package dev.jitterbug.fx.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Jid;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conversation view's pure parts: avatars, grouping, delivery badges and links, without a UI. */
class ConversationPartsTest {
    private static final Jid ME = Jid.parse("alice@example.org");
    private static final Jid ROOM = Jid.parse("lobby@conference.example.org");
    private static final long NOON = 1_767_268_800_000L; // 2026-01-01 12:00 UTC
    private final DayLabels days = new DayLabels(ZoneOffset.UTC, () -> NOON);
    private final MessageGrouping grouping = new MessageGrouping(days);

    @Test
    void initialsComeFromTheFirstLettersOfTheName() {
        assertThat(Avatars.initials("bob")).isEqualTo("B");
        assertThat(Avatars.initials("Bob Smith")).isEqualTo("BS");
        assertThat(Avatars.initials("carol.jones@example.org")).isEqualTo("CJ");
        assertThat(Avatars.initials("You")).isEqualTo("Y");
        assertThat(Avatars.initials("  ")).isEqualTo("?");
        assertThat(Avatars.initials(null)).isEqualTo("?");
    }

    @Test
    void aSenderKeepsOneColourAndSendersSpreadOverTheColours() {
        assertThat(Avatars.colourClass("bob")).isEqualTo(Avatars.colourClass("bob"))
                .matches("avatar-colour-[0-7]");
        long distinct = List.of("bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan").stream()
                .map(Avatars::colourClass).distinct().count();
        assertThat(distinct).as("eight names do not all share a colour").isGreaterThan(3);
        // String.hashCode is fixed by the language: the same person gets the same colour on every machine.
        assertThat(Avatars.colourIndex("bob")).isEqualTo(Math.floorMod("bob".hashCode(), 8));
    }

    @Test
    void consecutiveMessagesFromOneSenderWithinFiveMinutesAreOneGroup() {
        MessageItem first = room("bob", "hi", NOON);
        MessageItem soon = room("bob", "are you there?", NOON + 4 * 60_000);
        MessageItem late = room("bob", "hello?", NOON + 4 * 60_000 + MessageGrouping.GAP_MILLIS + 1);
        MessageItem other = room("carol", "yes", NOON + 5 * 60_000);

        assertThat(grouping.continues(null, first)).isFalse();
        assertThat(grouping.continues(first, soon)).isTrue();
        assertThat(grouping.continues(soon, late)).as("a long pause starts a new group").isFalse();
        assertThat(grouping.continues(soon, other)).as("another sender").isFalse();
        assertThat(grouping.continues(own("one", NOON), own("two", NOON + 1_000))).isTrue();
        assertThat(grouping.continues(room("you", "a nick 'you'", NOON), own("mine", NOON + 1_000)))
                .as("a room member whose nick is 'You' is not us").isFalse();
    }

    @Test
    void aNewDayStartsANewGroupEvenWithinTheGap() {
        long beforeMidnight = NOON + 12 * 3_600_000L - 60_000;
        assertThat(grouping.continues(room("bob", "late", beforeMidnight), room("bob", "early", beforeMidnight + 120_000)))
                .isFalse();
    }

    @Test
    void everyDeliveryStateHasAnIconAndAnExplanation() {
        assertThat(DeliveryBadge.of(null, null)).as("not ours").isNull();
        DeliveryBadge queued = DeliveryBadge.of(DeliveryState.QUEUED, null);
        assertThat(queued.icon()).isEqualTo("fth-clock");
        assertThat(queued.explanation()).startsWith("Queued").contains("when the connection is back");
        assertThat(DeliveryBadge.of(DeliveryState.SENT, null).explanation()).contains("not confirmed");
        DeliveryBadge acked = DeliveryBadge.of(DeliveryState.ACKED, null);
        assertThat(acked.icon()).isEqualTo("fth-check");
        assertThat(acked.explanation()).contains("server confirmed");
        DeliveryBadge failed = DeliveryBadge.of(DeliveryState.FAILED, "the room refused it (not a member)");
        assertThat(failed.styleClass()).isEqualTo("delivery-failed");
        assertThat(failed.explanation()).isEqualTo("Not delivered: the room refused it (not a member). "
                + "\"Send again\" sends it as a new message.");
        assertThat(DeliveryBadge.of(DeliveryState.FAILED, null).explanation()).startsWith(
                "Not delivered: no reason given.");
        for (DeliveryState state : DeliveryState.values()) {
            DeliveryBadge badge = DeliveryBadge.of(state, "why");
            assertThat(badge.icon()).startsWith("fth-");
            assertThat(badge.explanation()).isNotBlank();
        }
    }

    @Test
    void webLinksAreCutOutOfTheTextAndLineBreaksStay() {
        assertThat(MessageText.parts("see https://example.org/a?b=1, then\nhttp://x.test."))
                .containsExactly(new MessageText.Part("see ", false),
                        new MessageText.Part("https://example.org/a?b=1", true),
                        new MessageText.Part(", then\n", false),
                        new MessageText.Part("http://x.test", true),
                        new MessageText.Part(".", false));
        assertThat(MessageText.parts("no links\nhere")).containsExactly(new MessageText.Part("no links\nhere", false));
        assertThat(MessageText.parts("ftp://example.org javascript:alert(1)")).noneMatch(MessageText.Part::link);
    }

    @Test
    void timesShowTheClockAndTheFullMomentOnHover() {
        assertThat(days.clock(NOON + 5 * 60_000 + 9_000)).isEqualTo("12:05");
        assertThat(days.moment(NOON + 9_000)).isEqualTo("Thursday, 1 January 2026, 12:00:09");
    }

    private static MessageItem room(String nick, String body, long time) {
        return new MessageItem(new ChatMessage("id-" + body, null, null, ROOM.withResource(nick), ME, body,
                ChatMessage.Kind.GROUPCHAT, time, false, false), null);
    }

    private static MessageItem own(String body, long time) {
        return new MessageItem(new ChatMessage("id-" + body, "o-" + body, null, ME, ROOM, body,
                ChatMessage.Kind.GROUPCHAT, time, true, false), DeliveryState.QUEUED);
    }
}
