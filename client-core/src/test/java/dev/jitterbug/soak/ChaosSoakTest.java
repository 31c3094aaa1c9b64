package dev.jitterbug.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The short chaos soak of the normal build (about a minute); the long one is the {@code soak} profile, with the same
 * verdict ({@link SoakReport#violations()}): nothing lost, duplicated, reordered or shown to the wrong user; the
 * duplicate filter really exercised; every kind of fault bit; every client back within the policy's bound; the heap
 * within its bound.
 */
class ChaosSoakTest {
    @Test
    void everyMessageArrivesExactlyOnceInOrderThroughEveryKindOfFault() throws Exception {
        SoakReport report = new ChaosSoak(ChaosSoak.Plan.quick()).run();
        System.out.println(report);
        assertThat(report.violations()).as(report.toString()).isEmpty();
    }
}
