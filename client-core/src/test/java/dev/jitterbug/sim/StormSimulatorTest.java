package dev.jitterbug.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import dev.jitterbug.config.RetryConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class StormSimulatorTest {
    private static final RetryConfig DEFAULTS = RetryConfig.defaults();

    @Test
    void everyClientComesBackButNoFasterThanTheServerCanAcquire() {
        StormResult result = StormSimulator.run(StormScenario.nodeKill("default", DEFAULTS, 2_000, 100));

        assertThat(result.neverBack()).isZero();
        assertThat(result.totalAttempts()).isGreaterThanOrEqualTo(2_000);
        assertThat(result.timeTo100Millis()).isGreaterThanOrEqualTo(result.scenario().idealRecoveryMillis());
        assertThat(result.timeTo50Millis()).isLessThanOrEqualTo(result.timeTo90Millis());
        assertThat(result.timeTo90Millis()).isLessThanOrEqualTo(result.timeTo99Millis());
        assertThat(result.timeTo99Millis()).isLessThanOrEqualTo(result.timeTo100Millis());
        int counted = 0;
        for (int attempts : result.attemptsPerBucket()) {
            counted += attempts;
        }
        assertThat(counted).isEqualTo(result.totalAttempts());
    }

    @Test
    void aFixedDelayWithoutSpreadSendsTheWholeFleetAtOnce() {
        RetryConfig fixed = DEFAULTS.toBuilder().algorithm(BackoffAlgorithm.FIXED).baseMillis(2_000)
                .serverFailureSpreadMillis(0).build();

        StormResult result = StormSimulator.run(StormScenario.nodeKill("fixed", fixed, 1_000, 100).withoutResumption());

        assertThat(result.attemptsPerBucket()[0]).isEqualTo(1_000);
        assertThat(result.attemptsPerBucket()[20]).as("and again 2 s later, refused by the dead node").isEqualTo(1_000);
        assertThat(result.peakLoadRatio()).isGreaterThanOrEqualTo(10.0);
        assertThat(result.meetsGoal()).isFalse();
    }

    @Test
    void aSpreadSizedToTheFleetMeetsTheGoal() {
        RetryConfig sized = StormScenarios.sizedToFleet(DEFAULTS, 50_000, 500);

        StormResult result = StormSimulator.run(StormScenario.nodeKill("sized", sized, 50_000, 500).withoutResumption());

        assertThat(result.peakLoadRatio()).isLessThanOrEqualTo(1.0);
        assertThat(result.recoveryRatio()).isLessThanOrEqualTo(1.5);
        assertThat(result.meetsGoal()).isTrue();
    }

    @Test
    void ourDefaultCostsFewerAttemptsThanAwsDecorrelatedJitter() {
        List<StormScenario> story = StormScenarios.seedStory(20_000, 200);
        StormResult aws = StormSimulator.run(find(story, "AWS"));
        StormResult ours = StormSimulator.run(find(story, "our default (smooth"));

        assertThat(ours.totalAttempts()).isLessThan(aws.totalAttempts());
        assertThat(ours.peakAttemptsPerSecond()).isLessThan(aws.peakAttemptsPerSecond());
    }

    @Test
    void theSameSeedGivesTheSameStorm() {
        StormScenario scenario = StormScenario.nodeKill("default", DEFAULTS, 3_000, 100).withSeed(7);

        StormResult first = StormSimulator.run(scenario);
        StormResult second = StormSimulator.run(scenario);

        assertThat(second.attemptsPerBucket()).isEqualTo(first.attemptsPerBucket());
        assertThat(second.timeTo99Millis()).isEqualTo(first.timeTo99Millis());
    }

    @Test
    void predictionForConfigCheckSaysWhatAnOperatorNeeds() {
        StormResult prediction = StormSimulator.predict(DEFAULTS, 5_000, 100);

        assertThat(prediction.summary()).contains("5,000 clients", "99% after", "attempts/s", "Goal");
    }

    @Test
    void aLinkDropWithTheSessionsAliveIsResumedWithinTheBlipWindowWithoutALogin() {
        StormResult result = StormSimulator.run(StormScenario.linkDrop("link drop", DEFAULTS, 1_000, 100, 1_000));

        assertThat(result.loginAttempts()).isZero();
        assertThat(result.resumeAttempts()).isEqualTo(1_000);
        assertThat(result.timeTo99Millis()).isLessThanOrEqualTo(result.linkDropBoundMillis());
        assertThat(result.shownShare()).as("nobody out long enough for the status chip").isZero();
        assertThat(result.meetsGoal()).isTrue();
    }

    @Test
    void withoutResumeFirstTheSameLinkDropIsSpreadLikeAServerFailure() {
        StormResult result = StormSimulator.run(StormScenario.linkDrop("link drop", DEFAULTS, 1_000, 100, 1_000)
                .withoutResumption());

        assertThat(result.loginAttempts()).isEqualTo(result.totalAttempts());
        assertThat(result.timeTo99Millis()).isGreaterThan(10_000);
        assertThat(result.shownShare()).isGreaterThan(0.9);
    }

    @Test
    void aNodeKillCostsOneCheapRefusedResumeThenFullLoginsPacedByTheSpread() {
        StormResult result = StormSimulator.run(StormScenario.nodeKill("node kill", DEFAULTS, 1_000, 100)
                .withResumeCapacity(400));

        assertThat(result.neverBack()).isZero();
        assertThat(result.resumeAttempts()).as("one resume try each, refused while the node is down or gone after")
                .isEqualTo(1_000);
        assertThat(result.peakLoginsPerSecond()).isLessThanOrEqualTo(150);
        assertThat(result.meetsGoal()).isTrue();
    }

    @Test
    void anEightSecondFreezeGoesUnnoticedWithTheDefaultProbes() {
        StormResult result = StormSimulator.run(StormScenario.freeze("freeze", DEFAULTS, 1_000, 100, 400, 8_000));

        assertThat(result.totalAttempts()).as("a probe answered within the dead-link timeout").isZero();
        assertThat(result.timeTo100Millis()).isEqualTo(8_000);
    }

    @Test
    void aFreezeLongerThanTheProbesIsNoticedAndResumedAfterwards() {
        RetryConfig probing = DEFAULTS.toBuilder().pingIntervalMillis(2_000).deadLinkTimeoutMillis(2_000).build();
        StormResult result = StormSimulator.run(StormScenario.freeze("freeze", probing, 1_000, 100, 400, 8_000));

        assertThat(result.loginAttempts()).isZero();
        assertThat(result.resumeAttempts()).isGreaterThanOrEqualTo(1_000);
        assertThat(result.neverBack()).isZero();
        assertThat(result.timeTo99Millis()).isGreaterThanOrEqualTo(8_000);
    }

    @Test
    void impossibleScenariosAreRejectedInWords() {
        assertThatThrownBy(() -> StormScenario.nodeKill("x", DEFAULTS, 0, 100))
                .hasMessageContaining("between 1 and 10,000,000 clients");
        assertThatThrownBy(() -> StormScenario.nodeKill("x", DEFAULTS, 10, 0))
                .hasMessageContaining("at least 1 session per second");
    }

    private static StormScenario find(List<StormScenario> scenarios, String prefix) {
        return scenarios.stream().filter(s -> s.name().startsWith(prefix)).findFirst().orElseThrow();
    }
}
