package dev.jitterbug.fx.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Failure;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
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
    private final StatusViewModel status = new StatusViewModel(time, () -> QUIET, () -> retries++);
    private final List<String> texts = new ArrayList<>();

    @BeforeEach
    void signIn() {
        event(ConnectionState.CONNECTING, null, 1, 0);
        event(ConnectionState.CONNECTED, null, 0, 0);
        status.textProperty().addListener((obs, old, now) -> texts.add(now));
    }

    @Test
    void theFirstLoginShowsConnectingThenConnected() {
        StatusViewModel fresh = new StatusViewModel(time, () -> QUIET, () -> { });
        fresh.onConnectionEvent(new ConnectionEvent(ConnectionState.CONNECTING, time.currentTimeMillis(), null, 1, 0,
                0, null));
        assertThat(fresh.textProperty().get()).isEqualTo("Connecting…");
        assertThat(fresh.kindProperty().get()).isEqualTo(StatusViewModel.Kind.CONNECTING);

        fresh.onConnectionEvent(ConnectionEvent.of(ConnectionState.CONNECTED, time.currentTimeMillis(), null));
        assertThat(fresh.textProperty().get()).isEqualTo("Connected");
    }

    @Test
    void aBlipShorterThanTheQuietThresholdChangesNothingAtAll() {
        List<StatusViewModel.Kind> kinds = new ArrayList<>();
        status.kindProperty().addListener((obs, old, now) -> kinds.add(now));

        event(ConnectionState.DISCONNECTED, lost(), 0, 0);
        event(ConnectionState.WAITING, null, 1, 300);
        time.advanceBy(300);
        event(ConnectionState.CONNECTING, null, 1, 0);
        time.advanceBy(500);
        event(ConnectionState.RESUMED, null, 0, 0);
        time.advanceBy(10_000);

        assertThat(texts).isEmpty();
        assertThat(kinds).isEmpty();
        assertThat(status.retryAvailableProperty().get()).isFalse();
        assertThat(status.textProperty().get()).isEqualTo("Connected");
    }

    @Test
    void anOutageLongerThanTheThresholdShowsTheCountdownFromThenOn() {
        event(ConnectionState.DISCONNECTED, lost(), 0, 0);
        event(ConnectionState.WAITING, null, 1, 900);
        time.advanceBy(900);
        event(ConnectionState.CONNECTING, null, 1, 0);
        time.advanceBy(400);
        event(ConnectionState.DISCONNECTED, refused(), 1, 0);
        event(ConnectionState.WAITING, null, 2, 7_000);
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
        event(ConnectionState.CONNECTING, null, 2, 0);
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting… (attempt 2)");
        assertThat(status.retryAvailableProperty().get()).isFalse();

        event(ConnectionState.CONNECTED, null, 0, 0);
        assertThat(status.textProperty().get()).isEqualTo("Connected");
        assertThat(texts).containsSubsequence("Reconnecting in 7 s (attempt 2)", "Reconnecting in 6 s (attempt 2)",
                "Reconnecting in 5 s (attempt 2)", "Reconnecting in 4 s (attempt 2)", "Reconnecting in 3 s (attempt 2)",
                "Reconnecting in 2 s (attempt 2)", "Reconnecting in 1 s (attempt 2)", "Connected");
    }

    @Test
    void theCountdownStopsOnceConnected() {
        event(ConnectionState.DISCONNECTED, lost(), 0, 0);
        event(ConnectionState.WAITING, null, 1, 30_000);
        time.advanceBy(2_000);
        event(ConnectionState.CONNECTING, null, 1, 0);
        event(ConnectionState.RESUMED, null, 0, 0);
        texts.clear();

        time.advanceBy(60_000);

        assertThat(texts).isEmpty();
        assertThat(status.textProperty().get()).isEqualTo("Connected");
    }

    @Test
    void retryNowIsOfferedOnlyWhileWaiting() {
        status.retryNow();
        assertThat(retries).as("connected: nothing to retry").isZero();

        event(ConnectionState.DISCONNECTED, lost(), 0, 0);
        event(ConnectionState.WAITING, null, 3, 20_000);
        time.advanceBy(QUIET);
        status.retryNow();

        assertThat(retries).isEqualTo(1);
    }

    @Test
    void countsMessagesThatWillBeSentWhenBack() {
        event(ConnectionState.DISCONNECTED, lost(), 0, 0);
        event(ConnectionState.WAITING, null, 1, 10_000);
        time.advanceBy(QUIET);
        status.onDelivery(outgoing("a", DeliveryState.QUEUED));
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting in 9 s (attempt 1) — 1 message will be sent when back");
        status.onDelivery(outgoing("b", DeliveryState.QUEUED));
        assertThat(status.textProperty().get()).endsWith(" — 2 messages will be sent when back");
        assertThat(status.pendingMessagesProperty().get()).isEqualTo(2);

        event(ConnectionState.CONNECTED, null, 0, 0);
        status.onDelivery(outgoing("a", DeliveryState.SENT));
        status.onDelivery(outgoing("a", DeliveryState.ACKED));
        status.onDelivery(outgoing("b", DeliveryState.FAILED));

        assertThat(status.pendingMessagesProperty().get()).isZero();
        assertThat(status.textProperty().get()).isEqualTo("Connected");
    }

    @Test
    void signingOutShowsOfflineWithWhatIsStillQueued() {
        status.onDelivery(outgoing("a", DeliveryState.QUEUED));
        event(ConnectionState.OFFLINE, null, 0, 0);

        assertThat(status.textProperty().get()).isEqualTo("Offline — 1 message will be sent when back");
        assertThat(status.kindProperty().get()).isEqualTo(StatusViewModel.Kind.OFFLINE);
    }

    @Test
    void aSessionTakenOverElsewhereSaysSoAtOnce() {
        Failure conflict = Failure.streamError("conflict", null, "You signed in from another place.");
        event(ConnectionState.DISCONNECTED, conflict, 0, 0);
        event(ConnectionState.STOPPED, conflict, 0, 0);

        assertThat(status.textProperty().get()).isEqualTo("Signed out elsewhere");
        assertThat(status.kindProperty().get()).isEqualTo(StatusViewModel.Kind.SIGNED_OUT_ELSEWHERE);
        time.advanceBy(QUIET * 2);
        assertThat(status.textProperty().get()).as("the quiet window does not undo it").isEqualTo("Signed out elsewhere");
    }

    @Test
    void aRejectedPasswordStopsWithTheReasonInWords() {
        event(ConnectionState.STOPPED, Failure.of(Failure.Kind.NOT_AUTHORIZED, "The password was not accepted."), 0, 0);

        assertThat(status.textProperty().get()).isEqualTo("Stopped: The password was not accepted.");
        assertThat(status.kindProperty().get()).isEqualTo(StatusViewModel.Kind.STOPPED);
    }

    @Test
    void aZeroThresholdShowsEveryDropAtOnce() {
        StatusViewModel eager = new StatusViewModel(time, () -> 0, () -> { });
        eager.onConnectionEvent(ConnectionEvent.of(ConnectionState.CONNECTED, time.currentTimeMillis(), null));
        eager.onConnectionEvent(new ConnectionEvent(ConnectionState.DISCONNECTED, time.currentTimeMillis(), lost(), 0,
                0, 0, null));

        assertThat(eager.textProperty().get()).isEqualTo("Offline");
        assertThat(eager.kindProperty().get()).isEqualTo(StatusViewModel.Kind.RECONNECTING);
    }

    private void event(ConnectionState state, Failure failure, int attempt, long delayMillis) {
        long now = time.currentTimeMillis();
        status.onConnectionEvent(new ConnectionEvent(state, now, failure, attempt, delayMillis,
                state == ConnectionState.WAITING ? now + delayMillis : 0, null));
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
