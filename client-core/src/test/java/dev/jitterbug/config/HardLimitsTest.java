package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HardLimitsTest {
    @Test
    void everyAllowedRangeLiesInsideItsHardLimitsAndHoldsItsDefault() {
        for (RetryParameter p : RetryParameter.values()) {
            assertThat(p.allowedMin()).as(p.path()).isGreaterThanOrEqualTo(p.hardMin());
            assertThat(p.allowedMax()).as(p.path()).isLessThanOrEqualTo(p.hardMax());
            assertThat(p.defaultValue()).as(p.path()).isBetween(p.allowedMin(), p.allowedMax());
        }
    }

    @Test
    void aConfigBuiltInCodeCannotRetryEvery10MsNorWaitForever() {
        RetryConfig reckless = RetryConfig.builder().baseMillis(10).capMillis(10L * 24 * 3_600_000)
                .serverFailureSpreadMillis(0).pingIntervalMillis(100).multiplier(1000).build();

        RetryConfig clamped = HardLimits.clamp(reckless);

        assertThat(clamped.baseMillis()).isEqualTo(500);
        assertThat(clamped.capMillis()).isEqualTo(3_600_000);
        assertThat(clamped.serverFailureSpreadMillis()).isEqualTo(1_000);
        assertThat(clamped.pingIntervalMillis()).isEqualTo(5_000);
        assertThat(clamped.multiplier()).isEqualTo(10.0);
        assertThat(HardLimits.MIN_RETRY_DELAY_MILLIS).isEqualTo(500);
    }

    @Test
    void theCapIsRaisedToTheBaseWhenCodeSetsThemTheWrongWayRound() {
        RetryConfig clamped = HardLimits.clamp(RetryConfig.builder().baseMillis(50_000).capMillis(20_000).build());

        assertThat(clamped.capMillis()).isEqualTo(50_000);
    }

    @Test
    void theDefaultsAndEveryValidExampleAreLeftAsTheyAre() throws Exception {
        assertThat(HardLimits.isWithin(RetryConfig.defaults())).isTrue();
        RetryConfigParser parser = new RetryConfigParser();
        for (java.nio.file.Path example : Examples.list(true)) {
            RetryConfigDocument document = parser.parse(Examples.read(example.getFileName().toString()));
            assertThat(HardLimits.isWithin(document.baseConfig())).as(example.toString()).isTrue();
            for (Cohort cohort : document.cohorts()) {
                assertThat(HardLimits.isWithin(cohort.config())).as(cohort.name()).isTrue();
            }
        }
    }
}
