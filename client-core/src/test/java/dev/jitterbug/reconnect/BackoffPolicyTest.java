package dev.jitterbug.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import dev.jitterbug.config.RetryConfig;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {
    private static final RandomSource LOWEST = new ScriptedRandom(0.0);
    private static final RandomSource MIDDLE = new ScriptedRandom(0.5);
    private static final RandomSource HIGHEST = new ScriptedRandom(0.999_999);

    @Test
    void noBackoffRetriesAtOnce() {
        assertThat(new NoBackoff().delayMillis(7, 0, MIDDLE)).isZero();
    }

    @Test
    void fixedBackoffIgnoresAttemptAndRandomness() {
        FixedBackoff fixed = new FixedBackoff(2_000);
        assertThat(fixed.delayMillis(1, 0, LOWEST)).isEqualTo(2_000);
        assertThat(fixed.delayMillis(9, 2_000, HIGHEST)).isEqualTo(2_000);
    }

    @Test
    void exponentialGrowsByTheMultiplierUntilTheCap() {
        ExponentialBackoff exponential = new ExponentialBackoff(1_000, 60_000, 2.0);
        assertThat(exponential.delayMillis(1, 0, MIDDLE)).isEqualTo(1_000);
        assertThat(exponential.delayMillis(2, 0, MIDDLE)).isEqualTo(2_000);
        assertThat(exponential.delayMillis(6, 0, MIDDLE)).isEqualTo(32_000);
        assertThat(exponential.delayMillis(7, 0, MIDDLE)).isEqualTo(60_000);
        assertThat(exponential.delayMillis(5_000, 0, MIDDLE)).isEqualTo(60_000);
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheExponentialCurve() {
        FullJitterBackoff fullJitter = new FullJitterBackoff(1_000, 60_000, 2.0);
        assertThat(fullJitter.delayMillis(3, 0, LOWEST)).isZero();
        assertThat(fullJitter.delayMillis(3, 0, MIDDLE)).isEqualTo(2_000);
        assertThat(fullJitter.delayMillis(30, 0, MIDDLE)).isEqualTo(30_000);
    }

    @Test
    void equalJitterKeepsHalfTheCurveFixed() {
        EqualJitterBackoff equalJitter = new EqualJitterBackoff(1_000, 60_000, 2.0);
        assertThat(equalJitter.delayMillis(3, 0, LOWEST)).isEqualTo(2_000);
        assertThat(equalJitter.delayMillis(3, 0, MIDDLE)).isEqualTo(3_000);
        assertThat(equalJitter.delayMillis(30, 0, HIGHEST)).isBetween(59_990L, 60_000L);
    }

    @Test
    void awsDecorrelatedJitterClampsTheDrawAtTheCap() {
        DecorrelatedJitterBackoff aws = new DecorrelatedJitterBackoff(1_000, 10_000, 3.0);
        assertThat(aws.delayMillis(1, 0, MIDDLE)).isEqualTo(2_000); // uniform(1000, 3000)
        assertThat(aws.delayMillis(2, 2_000, MIDDLE)).isEqualTo(3_500); // uniform(1000, 6000)
        // At the cap, half the range lies above it: every such draw becomes exactly the cap.
        assertThat(aws.delayMillis(9, 10_000, new ScriptedRandom(0.4))).isEqualTo(10_000);
        assertThat(aws.delayMillis(9, 10_000, new ScriptedRandom(0.9))).isEqualTo(10_000);
    }

    @Test
    void smoothDecorrelatedJitterDrawsBetweenThePreviousDelayAndMultiplierTimesIt() {
        SmoothDecorrelatedJitterBackoff smooth = new SmoothDecorrelatedJitterBackoff(1_000, 90_000, 3.0);
        assertThat(smooth.delayMillis(1, 0, LOWEST)).isEqualTo(1_000);
        assertThat(smooth.delayMillis(1, 0, MIDDLE)).isEqualTo(2_000);
        assertThat(smooth.delayMillis(2, 2_000, MIDDLE)).isEqualTo(4_000); // uniform(2000, 6000)
    }

    @Test
    void smoothDecorrelatedJitterClampsTheRangeNotTheDraw() {
        SmoothDecorrelatedJitterBackoff smooth = new SmoothDecorrelatedJitterBackoff(1_000, 90_000, 3.0);
        // Near and at the cap the range is [cap/3, cap): different draws give different delays, none pinned to cap.
        assertThat(smooth.delayMillis(9, 50_000, LOWEST)).isEqualTo(30_000);
        assertThat(smooth.delayMillis(9, 50_000, MIDDLE)).isEqualTo(60_000);
        assertThat(smooth.delayMillis(9, 90_000, new ScriptedRandom(0.4))).isEqualTo(54_000);
        assertThat(smooth.delayMillis(9, 90_000, new ScriptedRandom(0.9))).isEqualTo(84_000);
    }

    @Test
    void theFactoryBuildsThePolicyAnAlgorithmNames() {
        BackoffPolicy exponential = BackoffPolicies.create(BackoffAlgorithm.EXPONENTIAL, 500, 4_000, 2.0);
        assertThat(exponential).isInstanceOf(ExponentialBackoff.class);
        assertThat(exponential.delayMillis(3, 0, MIDDLE)).isEqualTo(2_000);
        assertThat(exponential.maxDelayMillis()).isEqualTo(4_000);

        for (BackoffAlgorithm algorithm : BackoffAlgorithm.values()) {
            assertThat(BackoffPolicies.create(algorithm, 1_000, 60_000, 3.0)).as(algorithm.name()).isNotNull();
        }
        assertThat(RetryConfig.defaults().reconnectPolicy().backoff())
                .isInstanceOf(SmoothDecorrelatedJitterBackoff.class);
    }

    @Test
    void badParametersAreRejectedInWords() {
        assertThatThrownBy(() -> new ExponentialBackoff(5_000, 1_000, 2.0))
                .hasMessage("exponential backoff: the cap (1000 ms) must be at least the base delay (5000 ms)");
        assertThatThrownBy(() -> new FixedBackoff(-1))
                .hasMessage("fixed backoff: the base delay must not be negative (was -1 ms)");
        assertThatThrownBy(() -> new SmoothDecorrelatedJitterBackoff(1_000, 60_000, 0.9))
                .hasMessage("smooth decorrelated-jitter backoff: the multiplier must be at least 1.0 (was 0.9)");
        assertThatThrownBy(() -> new FullJitterBackoff(1_000, 60_000, Double.NaN))
                .hasMessageContaining("the multiplier must be at least 1.0");
        assertThatThrownBy(() -> new FixedBackoff(1_000).delayMillis(0, 0, MIDDLE))
                .hasMessage("attempts are counted from 1 (was 0)");
    }
}
