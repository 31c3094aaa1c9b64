package dev.jitterbug.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The short chaos soak of the normal build (about a minute); the long one is the {@code soak} profile. */
class ChaosSoakTest {
    @Test
    void everyMessageArrivesExactlyOnceInOrderThroughEveryKindOfFault() throws Exception {
        SoakReport report = new ChaosSoak(ChaosSoak.Plan.quick()).run();
        System.out.println(report);
        assertThat(report.faults).hasSizeGreaterThanOrEqualTo(5);
        assertThat(report.lost).as(report.toString()).isZero();
        assertThat(report.duplicates).as(report.toString()).isZero();
        assertThat(report.outOfOrder).as(report.toString()).isZero();
        assertThat(report.recoveryMillis).as("no client stuck").isBetween(0L, 30_000L);
        // The policy's bound for one outage: the longest fault (blackhole 8 s) + dead-link detection (2 s after a
        // 5 s quiet probe) + a wait capped at 10 s + a login timeout of 8 s.
        assertThat(report.maxOutageMillis).as("back within the policy's bound").isLessThan(35_000L);
        assertThat(report.heapAtEnd).as("memory bounded").isLessThan(report.heapAtStart + 64L * 1024 * 1024);
    }
}
