package dev.jitterbug.config;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryConfigParserTest {
    private final RetryConfigParser parser = new RetryConfigParser();

    @Test
    void minimalDocumentTakesTheBuiltInDefaultsForEverythingItDoesNotSay() throws Exception {
        RetryConfigDocument document = parser.parse(Examples.read("minimal.json"));

        RetryConfig config = document.baseConfig();
        assertThat(config.version()).isEqualTo("2026-11-27.1");
        assertThat(config.algorithm()).isEqualTo(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH);
        assertThat(config.pingIntervalMillis()).isEqualTo(RetryConfig.defaults().pingIntervalMillis());
        assertThat(config.multiplier()).isEqualTo(RetryConfig.defaults().multiplier());
        assertThat(document.cohorts()).isEmpty();
    }

    @Test
    void everyFieldOfTheIncidentExampleReachesTheEffectiveConfig() throws Exception {
        RetryConfig config = parser.parse(Examples.read("incident-slow-down.json")).configFor("anyone@example.org");

        assertThat(config.baseMillis()).isEqualTo(5_000);
        assertThat(config.capMillis()).isEqualTo(600_000);
        assertThat(config.multiplier()).isEqualTo(4.0);
        assertThat(config.serverFailureSpreadMillis()).isEqualTo(300_000);
        assertThat(config.boshInitialPollDelayMillis()).isEqualTo(2_000);
        assertThat(config.refreshIntervalMillis()).isEqualTo(300_000);
    }

    @Test
    void unknownFieldsAreToleratedAndListedSoTyposCanBeSeen() throws Exception {
        RetryConfigParser.Result result = parser.parseWithNotes(Examples.read("future-fields.json"));

        assertThat(result.document().baseConfig().baseMillis()).isEqualTo(2_000);
        assertThat(result.ignoredFields())
                .containsExactlyInAnyOrder("quic", "backoff.jitterSeed", "cohorts[0].rolloutNote");
    }

    @Test
    void aValueBelowTheAllowedRangeRejectsTheWholeDocumentNamingFieldValueAndRange() {
        assertThatThrownBy(() -> parser.parse(Examples.read("invalid/base-10ms.json")))
                .isInstanceOf(InvalidRetryConfigException.class)
                .hasMessage("The retry config was rejected: backoff.baseMillis is 10 ms, outside the allowed range "
                        + "500 ms to 60000 ms");
    }

    @Test
    void aWrongTypeIsExplainedWithWhatWasExpectedAndWhatCame() {
        assertThatThrownBy(() -> parser.parse(Examples.read("invalid/wrong-type.json")))
                .hasMessageContaining("backoff.baseMillis must be a whole number of milliseconds, but it is the text "
                        + "\"1000\"");
    }

    @Test
    void aMissingRequiredSectionListsEveryMissingField() {
        assertThatThrownBy(() -> parser.parse(Examples.read("invalid/missing-backoff.json")))
                .isInstanceOfSatisfying(InvalidRetryConfigException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("backoff.algorithm is missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("backoff.baseMillis is missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("backoff.capMillis is missing")));
    }

    @Test
    void noDocumentCanChooseAnAlgorithmThatLetsAFleetRetryInStep() {
        // No wait, no jitter, or AWS's clamp that puts a third of a long outage's fleet on exactly the cap.
        for (String algorithm : new String[] {"none", "fixed", "exponential", "decorrelated-jitter"}) {
            assertThatThrownBy(() -> parser.parse(Examples.read("invalid/algorithm-" + algorithm + ".json")))
                    .as(algorithm).hasMessageContaining("backoff.algorithm \"" + algorithm + "\" would let clients"
                            + " retry in lock-step");
        }
    }

    @Test
    void aFormatThisClientDoesNotReadIsRejected() {
        assertThatThrownBy(() -> parser.parse(Examples.read("invalid/format-2.json")))
                .hasMessageContaining("'format' is 2, but this client reads only format 1");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> parser.parse("{\"format\": 1,\n \"version\": }"))
                .hasMessageStartingWith("The retry config was rejected: it is not valid JSON (line 2, column");
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreNotGuessedAt() {
        assertThatThrownBy(() -> parser.parse("{\"format\": 1, \"format\": 1}"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.parse(Examples.read("minimal.json") + " {}"))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aCapBelowTheBaseIsRejected() {
        String json = "{\"format\":1,\"version\":\"v\",\"backoff\":{\"algorithm\":\"equal-jitter\","
                + "\"baseMillis\":50000,\"capMillis\":20000}}";
        assertThatThrownBy(() -> parser.parse(json))
                .hasMessageContaining("backoff.capMillis (20000 ms) is smaller than backoff.baseMillis (50000 ms)");
    }

    @Test
    void fractionsAreRejectedWhereWholeNumbersAreExpected() {
        String json = "{\"format\":1,\"version\":\"v\",\"backoff\":{\"algorithm\":\"equal-jitter\","
                + "\"baseMillis\":1000.5,\"capMillis\":20000}}";
        assertThatThrownBy(() -> parser.parse(json))
                .hasMessageContaining("backoff.baseMillis must be a whole number, but it is 1000.5");
    }

    @Test
    void cohortOverridesAreValidatedLikeTheDocumentAndNamedInTheMessage() {
        assertThatThrownBy(() -> parser.parse(Examples.read("invalid/cohort-out-of-range.json")))
                .hasMessageContaining("cohort \"wide\": firstAttempt.serverFailureSpreadMillis is 3600000 ms, "
                        + "outside the allowed range 1000 ms to 600000 ms");
    }

    @Test
    void cohortsMayNotAddUpToMoreThanEveryAccount() {
        String json = "{\"format\":1,\"version\":\"v\",\"backoff\":{\"algorithm\":\"equal-jitter\","
                + "\"baseMillis\":1000,\"capMillis\":20000},\"cohorts\":[{\"name\":\"a\",\"percent\":60},"
                + "{\"name\":\"b\",\"percent\":50}]}";
        assertThatThrownBy(() -> parser.parse(json))
                .hasMessageContaining("the cohorts add up to 110.00% of accounts");
    }

    @Test
    void cohortsCannotChangeHowOftenTheSharedDocumentIsFetched() {
        String json = "{\"format\":1,\"version\":\"v\",\"backoff\":{\"algorithm\":\"equal-jitter\","
                + "\"baseMillis\":1000,\"capMillis\":20000},\"cohorts\":[{\"name\":\"a\",\"percent\":5,"
                + "\"overrides\":{\"refresh\":{\"intervalMillis\":600000}}}]}";
        assertThatThrownBy(() -> parser.parse(json))
                .hasMessageContaining("cohorts[0].overrides may not contain 'refresh'");
    }

    @Test
    void cohortsLayTheirOverridesOverTheDocumentsParameters() throws Exception {
        RetryConfigDocument document = parser.parse(Examples.read("cohorts.json"));

        Cohort beta = document.cohorts().get(0);
        assertThat(beta.name()).isEqualTo("beta-smooth");
        assertThat(beta.percent()).isEqualTo(5.0);
        assertThat(beta.config().algorithm()).isEqualTo(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH);
        assertThat(beta.config().capMillis()).isEqualTo(60_000);
        assertThat(beta.config().baseMillis()).isEqualTo(1_000);
        assertThat(beta.config().version()).isEqualTo("2026-11-27.4 beta cohorts/beta-smooth");
        Cohort canary = document.cohorts().get(1);
        assertThat(canary.firstBucket()).isEqualTo(beta.endBucket());
        assertThat(canary.config().serverFailureSpreadMillis()).isEqualTo(120_000);
        assertThat(canary.config().preferSasl2()).isFalse();
        assertThat(canary.config().algorithm()).isEqualTo(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH);
        assertThat(document.baseConfig().algorithm()).isEqualTo(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH);
    }

    @Test
    void aCohortHoldsAStableShareOfAccountsWhateverTheJidsSpelling() throws Exception {
        RetryConfigDocument document = parser.parse(Examples.read("cohorts.json"));
        int inBeta = 0;
        int accounts = 100_000;
        for (int i = 0; i < accounts; i++) {
            Cohort cohort = document.cohortOf("user" + i + "@example.org");
            if (cohort != null && cohort.name().equals("beta-smooth")) {
                inBeta++;
            }
        }
        assertThat(inBeta / (double) accounts).isBetween(0.045, 0.055);

        String member = firstMemberOf(document, "beta-smooth");
        String spelledOtherwise = member.toUpperCase(java.util.Locale.ROOT) + "/laptop";
        assertThat(document.cohortOf(spelledOtherwise).name()).isEqualTo("beta-smooth");
        assertThat(document.configFor(spelledOtherwise).capMillis()).isEqualTo(60_000);
        assertThat(parser.parse(Examples.read("cohorts.json")).cohortOf(member).name()).isEqualTo("beta-smooth");
    }

    @Test
    void theBucketIsTheDocumentedSha256Prefix() {
        // printf %s alice@example.org | sha256sum → first 8 hex digits, as a number, modulo 10000
        String hex = sha256Hex("alice@example.org").substring(0, 8);
        assertThat(AccountBuckets.bucketOf("Alice@Example.org/phone"))
                .isEqualTo((int) (Long.parseLong(hex, 16) % 10_000));
    }

    private static String firstMemberOf(RetryConfigDocument document, String cohort) {
        for (int i = 0; ; i++) {
            Cohort c = document.cohortOf("user" + i + "@example.org");
            if (c != null && c.name().equals(cohort)) {
                return "user" + i + "@example.org";
            }
        }
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
