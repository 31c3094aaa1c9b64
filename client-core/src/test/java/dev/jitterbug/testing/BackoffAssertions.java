package dev.jitterbug.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.reconnect.RetryPolicy;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * "Retried, but not in a tight loop", judged on what the client chose rather than on how many attempts fit into some
 * seconds: after three failures, the first retry is spread and the next ones are the backoff policy's (a server that
 * fails every login, or drops every new session at once, must not reset the backoff), each between the policy's base
 * and cap; and the server saw a bounded number of connections (or requests) per attempt.
 */
public final class BackoffAssertions {
    private BackoffAssertions() {
    }

    /**
     * @param perAttempt the most connections (or HTTP requests) one attempt may make against this server
     * @param seen       how many the server has seen so far
     */
    public static void assertBackedOff(RecordingListener events, RetryConfig config, int perAttempt, IntSupplier seen) {
        events.awaitNth(ConnectionState.WAITING, 3);
        List<ConnectionEvent> waits = events.events(ConnectionState.WAITING).subList(0, 3);
        assertThat(seen.getAsInt()).as("per attempt at most %d, no hidden loop; events %s", perAttempt, events.events)
                .isLessThanOrEqualTo(perAttempt * events.count(ConnectionState.CONNECTING));
        assertThat(waits.get(0).detail()).as("the first retry is spread: %s", waits).contains("spread");
        assertThat(waits.get(0).delayMillis()).isBetween(0L, config.serverFailureSpreadMillis());
        // The policy in force, not the document's numbers: the hard limits raise a cap below 10 s to 10 s.
        RetryPolicy policy = config.reconnectPolicy();
        assertThat(waits.subList(1, 3)).as("then the policy backs off: %s", waits)
                .allSatisfy(w -> assertThat(w.detail()).endsWith("backoff"))
                .allSatisfy(w -> assertThat(w.delayMillis()).isBetween(policy.baseMillis(), policy.capMillis()));
    }
}
