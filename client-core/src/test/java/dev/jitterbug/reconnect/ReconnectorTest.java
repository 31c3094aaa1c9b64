package dev.jitterbug.reconnect;

import static dev.jitterbug.ConnectionState.CONNECTED;
import static dev.jitterbug.ConnectionState.CONNECTING;
import static dev.jitterbug.ConnectionState.DISCONNECTED;
import static dev.jitterbug.ConnectionState.OFFLINE;
import static dev.jitterbug.ConnectionState.RESUMED;
import static dev.jitterbug.ConnectionState.STOPPED;
import static dev.jitterbug.ConnectionState.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.Failure.Kind;
import dev.jitterbug.reconnect.BackoffAlgorithm;
import dev.jitterbug.config.HardLimits;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every rule of the reconnector, on virtual time, with the draw fixed at the middle of each range. */
class ReconnectorTest {
    private static final Failure REFUSED = Failure.of(Kind.CONNECTION_REFUSED, "refused");
    private static final Failure DEAD_LINK = Failure.of(Kind.DEAD_LINK, "pings unanswered");
    private static final Failure RESET = Failure.of(Kind.CONNECTION_LOST, "connection reset");

    private final VirtualScheduler scheduler = new VirtualScheduler(0);
    private final AtomicReference<RetryConfig> config = new AtomicReference<>(RetryConfig.defaults().toBuilder()
            .algorithm(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH).baseMillis(1_000).capMillis(120_000).multiplier(3.0)
            .serverFailureSpreadMillis(30_000).blipRetryWindowMillis(1_000).connectTimeoutMillis(20_000).build());
    private final FakeSessionConnector connector = new FakeSessionConnector();
    private final ScriptedRandom random = new ScriptedRandom(0.5);
    private final List<ConnectionEvent> events = new ArrayList<>();
    private final Reconnector reconnector = new Reconnector(scheduler, () -> config.get().reconnectPolicy(), connector, random, events::add);

    @Test
    void startConnectsAtOnceAndReportsTheSession() {
        reconnector.start();
        settle();
        assertThat(reconnector.state()).isEqualTo(CONNECTING);
        assertThat(reconnector.attempt()).isEqualTo(1);

        connector.establish(false);
        settle();

        assertThat(states()).containsExactly(CONNECTING, CONNECTED);
        assertThat(reconnector.state()).isEqualTo(CONNECTED);
        assertThat(reconnector.attempt()).isZero();
    }

    @Test
    void aLocalBlipRetriesWithinTheBlipWindow() {
        connectedSession();
        long lostAt = scheduler.monotonicMillis();

        reconnector.sessionLost(DEAD_LINK);
        untilNextAttempt();

        assertThat(states()).containsExactly(DISCONNECTED, WAITING, CONNECTING);
        assertThat(events.get(0).failure()).isSameAs(DEAD_LINK);
        assertThat(events.get(0).attempt()).as("attempt 0 marks the first failure of a burst").isZero();
        ConnectionEvent waiting = events.get(1);
        assertThat(waiting.attempt()).isEqualTo(1);
        assertThat(waiting.delayMillis()).isEqualTo(500);
        assertThat(waiting.retryAtMillis()).isEqualTo(waiting.atMillis() + 500);
        assertThat(scheduler.monotonicMillis()).isEqualTo(lostAt + 500);
    }

    @Test
    void aServerSideFailureSpreadsTheFirstAttemptThenBacksOff() {
        connectedSession();
        reconnector.sessionLost(Failure.streamError("system-shutdown", null, "restarting"));
        settle();
        assertThat(waitingDelays()).containsExactly(15_000L); // uniform(0, 30 000)

        failAttemptWith(REFUSED);
        failAttemptWith(REFUSED);
        failAttemptWith(REFUSED);

        // smooth decorrelated jitter at draw 0.5, continuing from the spread's scale (p = 30 000 / 3):
        // uniform(p, 3p) → 20 000, 40 000, 80 000
        assertThat(waitingDelays()).containsExactly(15_000L, 20_000L, 40_000L, 80_000L);
        assertThat(reconnector.attempt()).isEqualTo(4);
    }

    @Test
    void aServerSideFailureAfterAQuickBlipRetryIsStillSpread() {
        connectedSession();
        reconnector.sessionLost(DEAD_LINK);
        settle();

        failAttemptWith(REFUSED);

        assertThat(waitingDelays()).containsExactly(500L, 15_000L);
    }

    @Test
    void theServersRetryAfterIsALowerBoundWithJitterAndAnUpperLimit() {
        connectedSession();
        reconnector.sessionLost(Failure.http(503, 60_000, "busy"));
        settle();
        // Drawn from [60 s, the higher of the spread's top (30 s) and 60 s + a third], at draw 0.5.
        assertThat(lastWaiting().delayFromMillis()).isEqualTo(60_000);
        assertThat(lastWaiting().delayToMillis()).isEqualTo(80_000);
        assertThat(lastWaiting().delayMillis()).isEqualTo(70_000);
        assertThat(lastWaiting().detail()).contains("asked us to wait 60000 ms");

        failAttemptWith(Failure.http(503, 1_000L * 3600 * 24 * 7, "come back next week"));
        long limit = RetryPlanner.MAX_RETRY_AFTER_MILLIS;
        assertThat(lastWaiting().delayFromMillis()).isEqualTo(limit);
        assertThat(lastWaiting().delayToMillis()).isEqualTo(limit + limit / 3);
    }

    @Test
    void seeOtherHostIsFollowedSoonAndOnlyAFewTimesInARow() {
        connectedSession();
        reconnector.sessionLost(Failure.streamError("see-other-host", "node2:5222", "moved"));
        untilNextAttempt();
        assertThat(lastWaiting().delayMillis()).isEqualTo(500);
        assertThat(connector.targets).containsExactly("usual", "node2:5222");

        for (int i = 3; i <= Reconnector.MAX_REDIRECTS + 1; i++) {
            failAttemptWith(Failure.streamError("see-other-host", "node" + i + ":5222", "moved"));
        }
        assertThat(connector.targets).containsExactly("usual", "node2:5222", "node3:5222", "node4:5222");

        failAttemptWith(Failure.streamError("see-other-host", "node5:5222", "moved again"));
        assertThat(connector.targets).last().isEqualTo("usual");
        assertThat(lastWaiting().delayMillis()).as("a redirect loop counts as a server failure").isEqualTo(15_000);
    }

    @Test
    void aRedirectIsUsedForOneAttemptOnly() {
        connectedSession();
        reconnector.sessionLost(Failure.streamError("see-other-host", "node2:5222", "moved"));
        settle();

        failAttemptWith(REFUSED);

        assertThat(connector.targets).containsExactly("usual", "node2:5222", "usual");
    }

    @Test
    void conflictStopsAndSaysWhy() {
        connectedSession();
        Failure conflict = Failure.streamError("conflict", null, "Replaced by new connection");

        reconnector.sessionLost(conflict);
        settle();
        scheduler.advanceBy(3_600_000);

        assertThat(states()).containsExactly(DISCONNECTED, STOPPED);
        assertThat(events.get(1).failure()).isSameAs(conflict);
        assertThat(events.get(1).detail()).contains("another client");
        assertThat(connector.attempts()).isEqualTo(1);
        assertThat(reconnector.state()).isEqualTo(STOPPED);
    }

    @Test
    void aRejectedLoginStopsRetrying() {
        reconnector.start();
        settle();

        connector.fail(Failure.of(Kind.NOT_AUTHORIZED, "wrong password").withCondition("not-authorized"));
        settle();
        scheduler.advanceBy(3_600_000);

        assertThat(states()).containsExactly(CONNECTING, DISCONNECTED, STOPPED);
        assertThat(connector.attempts()).isEqualTo(1);
    }

    @Test
    void anAttemptThatTakesTooLongIsAbortedAndCountsAsATimeout() {
        connectedSession();
        reconnector.sessionLost(REFUSED);
        scheduler.advanceBy(15_000);
        SessionConnector.Callback slowAttempt = connector.current();

        scheduler.advanceBy(20_000);

        assertThat(connector.aborts).isEqualTo(1);
        ConnectionEvent timedOut = events.stream().filter(e -> e.state() == DISCONNECTED).reduce((a, b) -> b).get();
        assertThat(timedOut.failure().kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(timedOut.failure().message()).contains("20 s");
        assertThat(reconnector.state()).isEqualTo(WAITING);
        assertThat(reconnector.attempt()).isEqualTo(2);

        slowAttempt.established(false); // the abandoned attempt answers late: ignored
        settle();
        assertThat(events).noneMatch(e -> e.state() == CONNECTED);
    }

    @Test
    void theBackoffResetsOnlyWhenASessionIsEstablished() {
        connectedSession();
        reconnector.sessionLost(REFUSED);
        settle();
        failAttemptWith(REFUSED);
        failAttemptWith(REFUSED);
        assertThat(waitingDelays()).containsExactly(15_000L, 20_000L, 40_000L);

        connector.establish(true);
        settle();
        assertThat(reconnector.state()).isEqualTo(RESUMED);
        scheduler.advanceBy(Reconnector.STABLE_SESSION_MILLIS);
        events.clear();

        reconnector.sessionLost(REFUSED);
        settle();
        failAttemptWith(REFUSED);

        assertThat(waitingDelays()).containsExactly(15_000L, 20_000L);
        assertThat(events.get(1).attempt()).isEqualTo(1);
    }

    @Test
    void aSessionLostRightAfterItWasEstablishedDoesNotResetTheBackoff() {
        connectedSession();
        reconnector.sessionLost(REFUSED);
        settle();
        failAttemptWith(REFUSED);
        assertThat(waitingDelays()).containsExactly(15_000L, 20_000L);

        connector.establish(false); // a server that accepts the login …
        settle();
        events.clear();
        reconnector.sessionLost(REFUSED); // … and drops the session at once
        settle();

        assertThat(waitingDelays()).as("the burst goes on: no new spread, the wait keeps growing")
                .containsExactly(40_000L);
    }

    @Test
    void aResetLinkWithAResumableSessionIsResumedWithinTheBlipWindowNotSpread() {
        connectedSession();

        reconnector.sessionLost(RESET, true);
        untilNextAttempt();

        assertThat(waitingDelays()).as("resume first: no server-failure spread").containsExactly(500L);
        assertThat(lastWaiting().detail()).contains("resuming first");
        assertThat(connector.resumeOnly).as("the first attempt only resumes").containsExactly(false, true);
        connector.establish(true);
        settle();
        assertThat(reconnector.state()).isEqualTo(RESUMED);
    }

    @Test
    void aResetLinkWithoutAResumableSessionIsStillSpread() {
        connectedSession();

        reconnector.sessionLost(RESET, false);
        untilNextAttempt();

        assertThat(waitingDelays()).containsExactly(15_000L);
        assertThat(connector.resumeOnly).containsExactly(false, false);
    }

    @Test
    void aServerThatEndedTheStreamIsNotResumedFirstEvenIfTheSessionWasResumable() {
        connectedSession();

        reconnector.sessionLost(Failure.streamError("system-shutdown", null, "restarting"), true);
        untilNextAttempt();

        assertThat(waitingDelays()).containsExactly(15_000L);
        assertThat(connector.resumeOnly).containsExactly(false, false);
    }

    @Test
    void aRefusedResumeMeansTheNodeDiedAndTheFullLoginIsSpread() {
        connectedSession();
        reconnector.sessionLost(RESET, true);
        untilNextAttempt();

        connector.fail(Failure.of(Kind.RESUME_REFUSED, "the session is gone"));
        untilNextAttempt();

        assertThat(waitingDelays()).as("quick resume, then the spread before a full login")
                .containsExactly(500L, 15_000L);
        assertThat(connector.resumeOnly).as("the attempt after the spread may log in")
                .containsExactly(false, true, false);
        failAttemptWith(REFUSED);
        assertThat(waitingDelays()).as("then the usual backoff").containsExactly(500L, 15_000L, 20_000L);
    }

    @Test
    void aLinkThatDropsEverySecondButResumesEachTimeKeepsResumingQuickly() {
        connectedSession();
        for (int drop = 0; drop < 20; drop++) {
            reconnector.sessionLost(RESET, true);
            untilNextAttempt();
            connector.establish(true);
            settle();
            scheduler.advanceBy(1_000);
        }

        assertThat(waitingDelays()).as("every resume worked: no flapping, no growing waits")
                .hasSize(20).containsOnly(500L);
        assertThat(connector.resumeOnly.subList(1, 21)).containsOnly(true);

        events.clear();
        reconnector.sessionLost(DEAD_LINK, false); // a blip that cannot resume: is the burst still fresh?
        untilNextAttempt();
        assertThat(waitingDelays()).as("resumed sessions lost quickly are not flapping").containsExactly(500L);
    }

    @Test
    void aFullLoginLostAtOnceStillCountsAsFlapping() {
        connectedSession();
        reconnector.sessionLost(DEAD_LINK, false);
        untilNextAttempt();
        connector.establish(false); // a full login …
        settle();
        scheduler.advanceBy(1_000);
        reconnector.sessionLost(DEAD_LINK, false); // … lost within seconds, not resumable
        untilNextAttempt();

        assertThat(waitingDelays()).as("the second blip of the burst backs off").hasSize(2)
                .first().isEqualTo(500L);
        assertThat(waitingDelays().get(1)).isGreaterThan(500L);
    }

    @Test
    void retryNowSkipsTheWaitOnceThroughTheSamePath() {
        connectedSession();
        reconnector.sessionLost(REFUSED);
        untilNextAttempt();
        connector.fail(REFUSED);
        settle();
        assertThat(reconnector.state()).isEqualTo(WAITING);
        long before = scheduler.monotonicMillis();

        reconnector.retryNow();
        scheduler.advanceBy(0);

        assertThat(reconnector.state()).isEqualTo(CONNECTING);
        assertThat(reconnector.attempt()).isEqualTo(2);
        assertThat(scheduler.monotonicMillis()).isEqualTo(before);
        assertThat(connector.attempts()).isEqualTo(3);

        connector.fail(REFUSED);
        settle();
        assertThat(lastWaiting().delayMillis()).as("the policy continues where it was").isEqualTo(40_000);
        scheduler.advanceBy(40_000);
        assertThat(connector.attempts()).as("the skipped wait does not fire a second attempt").isEqualTo(4);
    }

    @Test
    void retryNowRestartsAfterAStop() {
        reconnector.start();
        settle();
        connector.fail(Failure.streamError("conflict", null, "replaced"));
        settle();

        reconnector.retryNow();
        settle();

        assertThat(reconnector.state()).isEqualTo(CONNECTING);
        assertThat(reconnector.attempt()).isEqualTo(1);
    }

    @Test
    void theNetworkComingBackShortensALongWait() {
        connectedSession();
        reconnector.sessionLost(REFUSED);
        scheduler.advanceBy(100);
        assertThat(lastWaiting().delayMillis()).isEqualTo(15_000);

        reconnector.networkAvailable();
        scheduler.advanceBy(0);

        assertThat(lastWaiting().delayMillis()).isEqualTo(500);
        assertThat(lastWaiting().detail()).contains("network is back");
        scheduler.advanceBy(500);
        assertThat(reconnector.state()).isEqualTo(CONNECTING);
        scheduler.advanceBy(15_000);
        assertThat(connector.attempts()).as("the long wait was called off").isEqualTo(2);
    }

    @Test
    void aNewConfigAppliesFromTheNextWait() {
        connectedSession();
        reconnector.sessionLost(REFUSED);
        settle();

        config.set(config.get().toBuilder().algorithm(BackoffAlgorithm.FIXED).baseMillis(7_000).build());
        failAttemptWith(REFUSED);

        assertThat(waitingDelays()).containsExactly(15_000L, 7_000L);
        assertThat(lastWaiting().detail()).contains("fixed");
    }

    @Test
    void backoffWaitsStayWithinTheHardLimitsWhateverTheConfigSays() {
        config.set(config.get().toBuilder().algorithm(BackoffAlgorithm.NONE).build()); // never validated
        connectedSession();
        reconnector.sessionLost(REFUSED);
        settle();

        failAttemptWith(REFUSED);

        assertThat(waitingDelays()).containsExactly(15_000L, HardLimits.MIN_RETRY_DELAY_MILLIS);
    }

    @Test
    void stopAbandonsTheAttemptAndGoesOffline() {
        reconnector.start();
        settle();

        reconnector.stop();
        settle();

        assertThat(connector.aborts).isEqualTo(1);
        assertThat(states()).containsExactly(CONNECTING, OFFLINE);
        assertThat(reconnector.state()).isEqualTo(OFFLINE);
        scheduler.advanceBy(3_600_000);
        assertThat(connector.attempts()).isEqualTo(1);
    }

    @Test
    void aThrowingListenerDoesNotStallReconnecting() {
        Reconnector withBrokenListener = new Reconnector(scheduler, () -> config.get().reconnectPolicy(), connector, random, event -> {
            throw new IllegalStateException("UI bug");
        });
        withBrokenListener.start();
        settle();
        connector.fail(REFUSED);
        settle();
        scheduler.advanceBy(15_000);

        assertThat(connector.attempts()).isEqualTo(2);
    }

    @Test
    void aRetryConfigThatCannotBeReadFallsBackToTheBuiltInPolicyAndReconnectingGoesOn() {
        AtomicReference<Boolean> broken = new AtomicReference<>(false);
        Reconnector withBrokenConfig = new Reconnector(scheduler, () -> {
            if (broken.get()) {
                throw new IllegalStateException("cohort lookup failed");
            }
            return config.get().reconnectPolicy();
        }, connector, random, events::add);
        withBrokenConfig.start();
        settle();
        connector.establish(false);
        settle();
        scheduler.advanceBy(Reconnector.STABLE_SESSION_MILLIS);
        broken.set(true);

        withBrokenConfig.sessionLost(REFUSED);
        settle();
        ConnectionEvent wait = lastWaiting();
        assertThat(wait.detail()).contains("the retry config could not be used")
                .contains("cohort lookup failed").contains("built-in defaults apply");
        assertThat(wait.delayToMillis()).as("the built-in spread").isEqualTo(RetryPolicy.BUILT_IN_RECONNECT.spreadMillis());
        untilNextAttempt();
        connector.fail(REFUSED);
        untilNextAttempt();
        assertThat(connector.attempts()).as("reconnecting went on").isEqualTo(3);
    }

    /** A session that has lasted (long enough that losing it starts a new burst). */
    @Test
    void withoutANetworkNoAttemptIsSpentAndWhenItComesBackTheNextGoesWithinTheBlipWindow() {
        connectedSession();
        reconnector.networkLost("no network (address gone eth0 192.0.2.10/24)");
        reconnector.sessionLost(Failure.of(Kind.NETWORK_CHANGED, "stopped answering after the network changed"), true);
        settle();
        assertThat(states()).containsExactly(DISCONNECTED, WAITING);
        assertThat(lastWaiting().waitsForNetwork()).isTrue();
        assertThat(lastWaiting().retryAtMillis()).as("no retry is planned").isZero();
        assertThat(lastWaiting().detail()).startsWith("No network; waiting for it to come back");

        scheduler.advanceBy(3_600_000);
        assertThat(connector.attempts()).as("an hour without a network: no attempt beyond the first login")
                .isEqualTo(1);
        assertThat(scheduler.queuedTasks()).as("no timer left running").isZero();

        long backAt = scheduler.monotonicMillis();
        reconnector.networkAvailable();
        untilNextAttempt();
        assertThat(scheduler.monotonicMillis() - backAt).as("within the blip window").isBetween(0L, 1_000L);
        assertThat(lastWaiting().detail()).contains("the network is back");
        assertThat(connector.resumeOnly).as("the lost session is resumed first").containsExactly(false, true);
    }

    @Test
    void aNetworkLostDuringALongWaitStopsItsTimer() {
        connectedSession();
        reconnector.sessionLost(Failure.streamError("system-shutdown", null, "restarting"));
        settle();
        assertThat(lastWaiting().delayMillis()).isEqualTo(15_000);

        reconnector.networkLost("no network");
        settle();
        scheduler.advanceBy(60_000);
        assertThat(connector.attempts()).isEqualTo(1);
        assertThat(lastWaiting().waitsForNetwork()).isTrue();

        reconnector.retryNow();
        settle();
        assertThat(connector.attemptRunning()).as("the user may try anyway").isTrue();
    }

    @Test
    void aNetworkChangeShortensALongWaitToTheBlipWindow() {
        connectedSession();
        reconnector.sessionLost(Failure.streamError("system-shutdown", null, "restarting"));
        settle();
        long changedAt = scheduler.monotonicMillis();
        reconnector.networkAvailable();
        untilNextAttempt();
        assertThat(scheduler.monotonicMillis() - changedAt).isBetween(0L, 1_000L);
    }

    private void connectedSession() {
        reconnector.start();
        settle();
        connector.establish(false);
        settle();
        scheduler.advanceBy(Reconnector.STABLE_SESSION_MILLIS);
        events.clear();
    }

    /** Lets the pending wait run out, fails that attempt, and runs on until the next attempt is under way. */
    private void failAttemptWith(Failure failure) {
        untilNextAttempt();
        connector.fail(failure);
        untilNextAttempt();
    }

    /** Runs what is due now (callbacks the connector posted); virtual time stands still. */
    private void settle() {
        scheduler.advanceBy(0);
    }

    /** Runs the wait out until the next attempt is under way. */
    private void untilNextAttempt() {
        for (int steps = 0; steps < 100 && !connector.attemptRunning(); steps++) {
            scheduler.runNext();
        }
        assertThat(connector.attemptRunning()).as("an attempt is running").isTrue();
    }

    private List<ConnectionState> states() {
        return events.stream().map(ConnectionEvent::state).collect(Collectors.toList());
    }

    private List<Long> waitingDelays() {
        return events.stream().filter(e -> e.state() == WAITING).map(ConnectionEvent::delayMillis)
                .collect(Collectors.toList());
    }

    private ConnectionEvent lastWaiting() {
        return events.stream().filter(e -> e.state() == WAITING).reduce((a, b) -> b).orElseThrow();
    }
}
