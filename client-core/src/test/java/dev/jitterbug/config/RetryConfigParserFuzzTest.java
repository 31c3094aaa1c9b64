package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * A config server may publish anything: the parser returns a valid document (inside the hard limits) or rejects it
 * with the reasons in words, never with another exception.
 */
class RetryConfigParserFuzzTest {
    private final RetryConfigParser parser = new RetryConfigParser();

    @FuzzTest(maxDuration = "5s")
    void aDocumentIsAcceptedWithinLimitsOrRejectedWithReasons(FuzzedDataProvider data) {
        String json = data.consumeRemainingAsString();
        RetryConfigDocument document;
        try {
            document = parser.parse(json);
        } catch (InvalidRetryConfigException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        for (RetryConfig config : new RetryConfig[] {document.baseConfig(), document.configFor("a@example.org"),
                document.configFor("z@example.org")}) {
            assertThat(config.baseMillis()).isBetween(HardLimits.MIN_RETRY_DELAY_MILLIS, config.capMillis());
            assertThat(config.capMillis()).isLessThanOrEqualTo(HardLimits.MAX_RETRY_DELAY_MILLIS);
        }
    }
}
