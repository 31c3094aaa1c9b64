package dev.jitterbug.fx.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Failure;
import dev.jitterbug.FailureCategory;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.StopReason;
import dev.jitterbug.platform.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status line without a UI: virtual time drives the quiet window and the countdown. */
class StatusViewModelTest {
    private static final long QUIET = 1_500;

    private final VirtualScheduler time = new VirtualScheduler();
    private int retries;
    /** Whether the connection in use is unencrypted to another machine (the account allows it). */
    private boolean unencrypted;
    private final StatusViewModel status = new StatusViewModel(time, () -> QUIET, () -> retries++, () -> unencrypted);
    private final List<String> texts = new ArrayList<>();

    @BeforeEach
    void signIn() {
        connecting(1);
        online(ConnectionState.CONNECTED);
        status.textProperty().addListener((obs, old, now) -> texts.add(now));
    }

    @Test
    void theFirstLoginShowsConnectingThenConnected() {
        StatusViewModel fresh = new StatusViewModel(time, () -> QUIET, () -> { }, () -> false);
        fresh.onConnectionEvent(ConnectionEvent.connecting(time.currentTimeMillis(), 1, null));
        assertThat(fresh.textProperty().get()).isEqualTo("Connecting…");
        assertThat(fresh.kindProperty().get()).isEqualTo(StatusViewModel.Kind.CONNECTING);

        fresh.onConnectionEvent(ConnectionEvent.online(ConnectionState.CONNECTED, time.currentTimeMillis()));
        assertThat(fresh.textProperty().get()).isEqualTo("Connected");
    }

    @Test
    void aConnectionWithoutEncryptionToAnotherMachineSaysSo() {
        unencrypted = true;
        dropped(lost(), 0);
        connecting(1);
        online(ConnectionState.CONNECTED);
        assertThat(status.textProperty().get()).isEqualTo("Connected without encryption");
    }

    @Test
    void aBlipShorterThanTheQuietThresholdChangesNothingAtAll() {
        List<StatusViewModel.Kind> kinds = new ArrayList<>();
        status.kindProperty().addListener((obs, old, now) -> kinds.add(now));

        dropped(lost(), 0);
        waiting(1, 300);
        time.advanceBy(300);
        connecting(1);
        time.advanceBy(500);
        online(ConnectionState.RESUMED);
        time.advanceBy(10_000);

        assertThat(texts).isEmpty();
        assertThat(kinds).isEmpty();
        assertThat(status.retryAvailableProperty().get()).isFalse();
        assertThat(status.textProperty().get()).isEqualTo("Connected");
    }

    @Test
    void anOutageLongerThanTheThresholdShowsTheCountdownFromThenOn() {
        dropped(lost(), 0);
        waiting(1, 900);
        time.advanceBy(900);
        connecting(1);
        time.advanceBy(400);
        dropped(refused(), 1);
        waiting(2, 7_000);
        assertThat(texts).as("still inside the quiet window").isEmpty();

        time.advanceBy(200); // 1.5 s after the drop: 6.8 s left of the wait
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting in 7 s (attempt 2)");
        assertThat(status.kindProperty().get()).isEqualTo(StatusViewModel.Kind.RECONNECTING);
        assertThat(status.retryAvailableProperty().get()).isTrue();

        time.advanceBy(800);
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting in 6 s (attempt 2)");
        time.advanceBy(5_000);
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting in 1 s (attempt 2)");
        time.advanceBy(1_000);
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting… (attempt 2)");
        connecting(2);
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting… (attempt 2)");
        assertThat(status.retryAvailableProperty().get()).isFalse();

        online(ConnectionState.CONNECTED);
        assertThat(status.textProperty().get()).isEqualTo("Connected");
        assertThat(texts).containsSubsequence("Reconnecting in 7 s (attempt 2)", "Reconnecting in 6 s (attempt 2)",
                "Reconnecting in 5 s (attempt 2)", "Reconnecting in 4 s (attempt 2)", "Reconnecting in 3 s (attempt 2)",
                "Reconnecting in 2 s (attempt 2)", "Reconnecting in 1 s (attempt 2)", "Connected");
    }

    @Test
    void withoutANetworkItSaysSoInsteadOfACountdownOnceTheQuietWindowIsOver() {
        dropped(lost(), 0);
        status.onConnectionEvent(ConnectionEvent.waitingForNetwork(time.currentTimeMillis(), 1,
                "No network; waiting for it to come back (no network)"));
        assertThat(texts).as("still inside the quiet window").isEmpty();
        time.advanceBy(QUIET);
        assertThat(status.textProperty().get()).isEqualTo("No network — reconnecting when it is back");
        assertThat(status.retryAvailableProperty().get()).as("the user may still try").isTrue();
        time.advanceBy(60_000);
        assertThat(status.textProperty().get()).as("no countdown ticks on").isEqualTo(
                "No network — reconnecting when it is back");
    }

    @Test
    void theCountdownStopsOnceConnected() {
        dropped(lost(), 0);
        waiting(1, 30_000);
        time.advanceBy(2_000);
        connecting(1);
        online(ConnectionState.RESUMED);
        texts.clear();

        time.advanceBy(60_000);

        assertThat(texts).isEmpty();
        assertThat(status.textProperty().get()).isEqualTo("Connected");
    }

    @Test
    void retryNowIsOfferedOnlyWhileWaiting() {
        status.retryNow();
        assertThat(retries).as("connected: nothing to retry").isZero();

        dropped(lost(), 0);
        waiting(3, 20_000);
        time.advanceBy(QUIET);
        status.retryNow();

        assertThat(retries).isEqualTo(1);
    }

    @Test
    void countsMessagesThatWillBeSentWhenBack() {
        dropped(lost(), 0);
        waiting(1, 10_000);
        time.advanceBy(QUIET);
        status.onDelivery(outgoing("a", DeliveryState.QUEUED));
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting in 9 s (attempt 1) — 1 message will be sent when back");
        status.onDelivery(outgoing("b", DeliveryState.QUEUED));
        assertThat(status.textProperty().get()).endsWith(" — 2 messages will be sent when back");
        assertThat(status.pendingMessagesProperty().get()).isEqualTo(2);

        online(ConnectionState.CONNECTED);
        status.onDelivery(outgoing("a", DeliveryState.SENT));
        status.onDelivery(outgoing("a", DeliveryState.ACKED));
        status.onDelivery(outgoing("b", DeliveryState.FAILED));

        assertThat(status.pendingMessagesProperty().get()).isZero();
        assertThat(status.textProperty().get()).isEqualTo("Connected");
    }

    @Test
    void signingOutShowsOfflineWithWhatIsStillQueued() {
        status.onDelivery(outgoing("a", DeliveryState.QUEUED));
        offline();

        assertThat(status.textProperty().get()).isEqualTo("Offline — 1 message will be sent when back");
        assertThat(status.kindProperty().get()).isEqualTo(StatusViewModel.Kind.OFFLINE);
    }

    @Test
    void aSessionTakenOverElsewhereSaysSoAtOnce() {
        Failure conflict = Failure.streamError("conflict", null, "You signed in from another place.");
        fatal(conflict);
        stopped(conflict, StopReason.SIGNED_IN_ELSEWHERE);

        assertThat(status.textProperty().get()).isEqualTo("Signed out elsewhere");
        assertThat(status.kindProperty().get()).isEqualTo(StatusViewModel.Kind.SIGNED_OUT_ELSEWHERE);
        time.advanceBy(QUIET * 2);
        assertThat(status.textProperty().get()).as("the quiet window does not undo it").isEqualTo("Signed out elsewhere");
    }

    @Test
    void signedOutElsewhereIsDecidedByTheStopReasonNotTheFailuresWording() {
        Failure worded = Failure.of(Failure.Kind.STREAM_ERROR, "Another client took over this session.");
        stopped(worded, StopReason.SIGNED_IN_ELSEWHERE);
        assertThat(status.kindProperty().get()).isEqualTo(StatusViewModel.Kind.SIGNED_OUT_ELSEWHERE);
        assertThat(status.textProperty().get()).isEqualTo("Signed out elsewhere");

        StatusViewModel other = new StatusViewModel(time, () -> QUIET, () -> { }, () -> false);
        Failure conflictCondition = Failure.streamError("conflict", null, "The server closed the stream.");
        other.onConnectionEvent(ConnectionEvent.stopped(time.currentTimeMillis(), conflictCondition,
                StopReason.POLICY_VIOLATION, null));
        assertThat(other.kindProperty().get()).as("a condition string decides nothing")
                .isEqualTo(StatusViewModel.Kind.STOPPED);
        assertThat(other.textProperty().get()).isEqualTo("Stopped: The server closed the stream.");
    }

    @Test
    void aRejectedPasswordStopsWithTheReasonInWords() {
        stopped(Failure.of(Failure.Kind.NOT_AUTHORIZED, "The password was not accepted."), StopReason.LOGIN_REFUSED);

        assertThat(status.textProperty().get()).isEqualTo("Stopped: The password was not accepted.");
        assertThat(status.kindProperty().get()).isEqualTo(StatusViewModel.Kind.STOPPED);
    }

    @Test
    void aZeroThresholdShowsEveryDropAtOnce() {
        StatusViewModel eager = new StatusViewModel(time, () -> 0, () -> { }, () -> false);
        eager.onConnectionEvent(ConnectionEvent.online(ConnectionState.CONNECTED, time.currentTimeMillis()));
        eager.onConnectionEvent(ConnectionEvent.disconnected(time.currentTimeMillis(), lost(), FailureCategory.LOCAL_BLIP,
                0));

        assertThat(eager.textProperty().get()).isEqualTo("Offline");
        assertThat(eager.kindProperty().get()).isEqualTo(StatusViewModel.Kind.RECONNECTING);
    }

    private void connecting(int attempt) {
        status.onConnectionEvent(ConnectionEvent.connecting(time.currentTimeMillis(), attempt, null));
    }

    private void online(ConnectionState state) {
        status.onConnectionEvent(ConnectionEvent.online(state, time.currentTimeMillis()));
    }

    /** A link or attempt lost on our side: the reconnector retries soon. */
    private void dropped(Failure failure, int attempt) {
        status.onConnectionEvent(ConnectionEvent.disconnected(time.currentTimeMillis(), failure,
                FailureCategory.LOCAL_BLIP, attempt));
    }

    /** The drop that comes just before a stop. */
    private void fatal(Failure failure) {
        status.onConnectionEvent(ConnectionEvent.disconnected(time.currentTimeMillis(), failure, FailureCategory.FATAL,
                0));
    }

    private void waiting(int attempt, long delayMillis) {
        status.onConnectionEvent(ConnectionEvent.waiting(time.currentTimeMillis(), attempt, delayMillis, delayMillis / 2,
                delayMillis * 2, null));
    }

    private void stopped(Failure failure, StopReason reason) {
        status.onConnectionEvent(ConnectionEvent.stopped(time.currentTimeMillis(), failure, reason, null));
    }

    private void offline() {
        status.onConnectionEvent(ConnectionEvent.offline(time.currentTimeMillis(), null));
    }

    private static Failure lost() {
        return Failure.of(Failure.Kind.CONNECTION_LOST, "The connection was dropped.");
    }

    private static Failure refused() {
        return Failure.of(Failure.Kind.CONNECTION_REFUSED, "Nothing answers at the server's address.");
    }

    private static OutgoingMessage outgoing(String id, DeliveryState state) {
        Jid me = Jid.parse("alice@localhost");
        ChatMessage message = new ChatMessage(id, id, null, me, Jid.parse("bob@localhost"), "hi",
                ChatMessage.Kind.CHAT, 0, true, false);
        return new OutgoingMessage(message, state, null);
    }
}
