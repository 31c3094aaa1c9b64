package dev.jitterbug.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner's rules, and every fixed policy of the product run through them by a fleet. */
class RetryPlannerTest {
    private static final RetryPlanner LOWEST = new RetryPlanner(new ScriptedRandom(0.0));
    private static final RetryPlanner HIGHEST = new RetryPlanner(new ScriptedRandom(0.999_999));

    @Test
    void aRangeBelowTheFloorIsMovedUpAndWidenedInsteadOfClampedToOneValue() {
        // Full jitter's first step is uniform(0, 500): clamping each draw to the 500 ms floor puts everyone on 500.
        RetryPolicy fullJitter = RetryPolicy.reconnect(BackoffAlgorithm.FULL_JITTER, 500, 60_000, 2.0, 30_000, 1_000,
                30_000);
        RetryDelay lowest = LOWEST.plan(fullJitter, RetryState.FRESH, RetryCause.BACKOFF, -1).delay();
        RetryDelay highest = HIGHEST.plan(fullJitter, RetryState.FRESH, RetryCause.BACKOFF, -1).delay();
        assertThat(lowest.fromMillis()).isEqualTo(500);
        assertThat(lowest.toMillis()).isEqualTo(1_500);
        assertThat(highest.millis() - lowest.millis()).isGreaterThanOrEqualTo(999);
    }

    @Test
    void aNarrowRangeAtTheCapGrowsDownwards() {
        // A multiplier of 1.01 at the cap: [cap / 1.01, cap] would be a point mass of 1 % of the cap.
        RetryPolicy narrow = RetryPolicy.reconnect(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH, 1_000, 60_000, 1.01,
                30_000, 1_000, 30_000);
        RetryState atCap = RetryState.FRESH.afterBackoff(60_000);
        RetryDelay delay = LOWEST.plan(narrow, atCap, RetryCause.BACKOFF, -1).delay();
        assertThat(delay.toMillis()).isEqualTo(60_000);
        assertThat(delay.fromMillis()).isEqualTo(45_000); // a quarter of the upper end
    }

    @Test
    void aRetryAfterIsALowerBoundWithATHirdOnTop() {
        RetryDelay delay = LOWEST.plan(RetryPolicy.CONFIG_FETCH, RetryState.FRESH, RetryCause.BACKOFF, 120_000)
                .delay();
        assertThat(delay.fromMillis()).isEqualTo(120_000);
        assertThat(delay.toMillis()).isEqualTo(160_000);
        assertThat(delay.why()).contains("the server asked us to wait 120000 ms");
    }

    @Test
    void theFirstServerFailureOfABurstIsSpreadAndLaterOnesBackOffFromItsScale() {
        RetryPolicy policy = RetryPolicy.BUILT_IN_RECONNECT;
        RetryPlanner.Plan spread = HIGHEST.plan(policy, RetryState.FRESH, RetryCause.SERVER_FAILURE, -1);
        assertThat(spread.delay().fromMillis()).isZero();
        assertThat(spread.delay().toMillis()).isEqualTo(policy.spreadMillis());
        RetryPlanner.Plan next = LOWEST.plan(policy, spread.next(), RetryCause.SERVER_FAILURE, -1);
        assertThat(next.delay().why()).endsWith("backoff");
        assertThat(next.delay().fromMillis()).isEqualTo(policy.spreadMillis() / 3);
    }

    /** 1,000 clients through 30 retries of each fixed policy: ranges at least 1 s wide, no 10 ms bin above 5 %. */
    @Test
    void noFixedPolicyOfTheProductLetsAFleetRetryInStep() {
        List<RetryPolicy> policies = Arrays.asList(RetryPolicy.ROOM_REJOIN, RetryPolicy.BOSH_RESEND,
                RetryPolicy.CATCH_UP_RETRY, RetryPolicy.CONFIG_FETCH, RetryPolicy.BUILT_IN_RECONNECT);
        for (RetryPolicy policy : policies) {
            Retries[] fleet = new Retries[1_000];
            for (int i = 0; i < fleet.length; i++) {
                fleet[i] = new Retries(policy, new RetryPlanner(new SplitMixRandomSource(17L * i + 3)));
            }
            for (int attempt = 1; attempt <= 30; attempt++) {
                Map<Long, Integer> bins = new HashMap<>();
                for (Retries client : fleet) {
                    RetryDelay delay = client.next(RetryCause.SERVER_FAILURE);
                    assertThat(delay.toMillis() - delay.fromMillis()).as("%s, attempt %d", policy, attempt)
                            .isGreaterThanOrEqualTo(RetryPlanner.MIN_SPAN_MILLIS);
                    bins.merge(delay.millis() / 10, 1, Integer::sum);
                }
                assertThat(bins.values().stream().max(Integer::compare).orElse(0)).as("%s, attempt %d", policy,
                        attempt).isLessThanOrEqualTo(50);
            }
        }
    }
}
