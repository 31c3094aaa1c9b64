package dev.jitterbug.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties every policy keeps, over random parameters, seeds and attempt counts. */
class BackoffPolicyProperties {

    @Property
    void delaysStayWithinTheirFloorAndCap(@ForAll BackoffAlgorithm algorithm,
            @ForAll @LongRange(min = 0, max = 60_000) long base, @ForAll @LongRange(min = 0, max = 600_000) long extra,
            @ForAll @DoubleRange(min = 1.01, max = 10) double multiplier, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 80) int attempts) {
        long cap = base + extra;
        BackoffPolicy policy = BackoffPolicies.create(algorithm, base, cap, multiplier);
        RandomSource random = new SplitMixRandomSource(seed);
        long previous = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long delay = policy.delayMillis(attempt, previous, random);
            assertThat(delay).isBetween(policy.minDelayMillis(), policy.maxDelayMillis());
            assertThat(delay).isBetween(0L, cap);
            previous = delay;
        }
    }

    /**
     * Jitter at every attempt, the cap included: whatever delays came before, the lowest and the highest possible
     * draw give delays far apart (at least a quarter of the base), so no attempt is ever pinned to one value.
     */
    @Property
    void jitteredPoliciesKeepJitterAtEveryAttempt(@ForAll("jittered") BackoffAlgorithm algorithm,
            @ForAll @LongRange(min = 100, max = 10_000) long base, @ForAll @IntRange(min = 4, max = 100) int capFactor,
            @ForAll @DoubleRange(min = 1.5, max = 5) double multiplier, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int attempts) {
        long cap = base * capFactor;
        BackoffPolicy policy = BackoffPolicies.create(algorithm, base, cap, multiplier);
        RandomSource random = new SplitMixRandomSource(seed);
        long previous = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long lowest = policy.delayMillis(attempt, previous, new ScriptedRandom(0.0));
            long highest = policy.delayMillis(attempt, previous, new ScriptedRandom(0.999_999));
            assertThat(highest - lowest).as("attempt %d after %d ms", attempt, previous).isGreaterThanOrEqualTo(base / 4);
            previous = policy.delayMillis(attempt, previous, random);
        }
    }

    /** A fleet that failed together does not retry together, at any attempt: at most 2 % of clients share a delay. */
    @Property(tries = 50)
    void clientsWithDifferentSeedsAreNeverInLockStep(@ForAll("jittered") BackoffAlgorithm algorithm,
            @ForAll @IntRange(min = 1, max = 40) int attempts, @ForAll long fleetSeed) {
        int clients = 500;
        BackoffPolicy policy = BackoffPolicies.create(algorithm, 1_000, 120_000, 3.0);
        Map<Long, Integer> clientsPerDelay = new HashMap<>();
        for (int client = 0; client < clients; client++) {
            RandomSource random = new SplitMixRandomSource(fleetSeed + client * 0x9E3779B97F4A7C15L);
            long previous = 0;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                previous = policy.delayMillis(attempt, previous, random);
            }
            clientsPerDelay.merge(previous, 1, Integer::sum);
        }
        int largestGroup = clientsPerDelay.values().stream().max(Integer::compare).orElse(0);
        assertThat(largestGroup).as("clients sharing the same delay at attempt %d", attempts).isLessThanOrEqualTo(clients / 50);
    }

    /** The pile-up this project avoids: AWS's clamp puts about 30 % of a fleet at exactly the cap, in lock-step. */
    @Example
    void awsDecorrelatedJitterPilesClientsUpAtTheCap() {
        BackoffPolicy aws = BackoffPolicies.create(BackoffAlgorithm.DECORRELATED_JITTER, 1_000, 120_000, 3.0);
        BackoffPolicy smooth = BackoffPolicies.create(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH, 1_000, 120_000, 3.0);
        assertThat(shareAtExactlyTheCap(aws, 20)).isGreaterThan(0.25);
        assertThat(shareAtExactlyTheCap(smooth, 20)).isLessThan(0.001);
    }

    /**
     * Expected waits grow as the javadoc says: the smooth policy's mean grows by (1 + multiplier) / 2 per attempt
     * below the cap and settles at cap * (1 + 1/multiplier) / 2 once there.
     */
    @Property(tries = 20)
    void smoothPolicyMeanGrowsAsDocumented(@ForAll @DoubleRange(min = 1.5, max = 4) double multiplier,
            @ForAll long seed) {
        long base = 1_000;
        long cap = 10_000_000;
        BackoffPolicy smooth = BackoffPolicies.create(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH, base, cap, multiplier);
        double[] means = meanDelayPerAttempt(smooth, 4, 20_000, seed);
        double growth = (1 + multiplier) / 2;
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(means[attempt]).as("mean at attempt %d", attempt)
                    .isCloseTo(base * Math.pow(growth, attempt), org.assertj.core.data.Percentage.withPercentage(3));
        }

        BackoffPolicy capped = BackoffPolicies.create(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH, base, 60_000, multiplier);
        double[] cappedMeans = meanDelayPerAttempt(capped, 40, 20_000, seed);
        assertThat(cappedMeans[40]).isCloseTo(60_000 * (1 + 1 / multiplier) / 2,
                org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Property(tries = 50)
    void exponentialTotalWaitIsTheGeometricSum(@ForAll @LongRange(min = 1, max = 5_000) long base,
            @ForAll @IntRange(min = 1, max = 12) int attempts) {
        BackoffPolicy exponential = BackoffPolicies.create(BackoffAlgorithm.EXPONENTIAL, base, Long.MAX_VALUE / 4, 2.0);
        long total = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            total += exponential.delayMillis(attempt, 0, new ScriptedRandom(0.5));
        }
        assertThat(total).isEqualTo(base * ((1L << attempts) - 1));
    }

    @Provide
    Arbitrary<BackoffAlgorithm> jittered() {
        return Arbitraries.of(BackoffAlgorithm.FULL_JITTER, BackoffAlgorithm.EQUAL_JITTER,
                BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH);
    }

    private static double shareAtExactlyTheCap(BackoffPolicy policy, int attempt) {
        int clients = 10_000;
        int atCap = 0;
        for (int client = 0; client < clients; client++) {
            RandomSource random = new SplitMixRandomSource(client * 7919L);
            long previous = 0;
            for (int n = 1; n <= attempt; n++) {
                previous = policy.delayMillis(n, previous, random);
            }
            if (previous == policy.maxDelayMillis()) {
                atCap++;
            }
        }
        return (double) atCap / clients;
    }

    private static double[] meanDelayPerAttempt(BackoffPolicy policy, int attempts, int clients, long seed) {
        double[] sums = new double[attempts + 1];
        RandomSource random = new SplitMixRandomSource(seed);
        for (int client = 0; client < clients; client++) {
            long previous = 0;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                previous = policy.delayMillis(attempt, previous, random);
                sums[attempt] += previous;
            }
        }
        for (int attempt = 1; attempt <= attempts; attempt++) {
            sums[attempt] /= clients;
        }
        return sums;
    }
}
