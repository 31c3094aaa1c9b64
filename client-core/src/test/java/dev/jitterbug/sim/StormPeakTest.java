package dev.jitterbug.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one peak rule the simulator and the real-storm benchmark share: a one-second window sliding in buckets. */
class StormPeakTest {
    @Test
    void thePeakIsTheBusiestSlidingSecondNotTheBusiestAlignedOne() {
        int[] perHundredMillis = new int[30];
        // 40 attempts in the last half of second 0 and 40 in the first half of second 1: 40 per aligned second,
        // but 80 within one second.
        for (int bucket = 5; bucket < 15; bucket++) {
            perHundredMillis[bucket] = 8;
        }
        assertThat(StormResult.peakPerSecond(perHundredMillis, 100)).isEqualTo(80);
    }

    @Test
    void aWindowLongerThanTheRunCountsEverything() {
        assertThat(StormResult.peakPerSecond(new int[] {1, 2, 3}, 100)).isEqualTo(6);
    }
}
