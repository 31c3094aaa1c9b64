package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's reference table must say what the code does. */
class ReadmeReferenceTest {
    @Test
    void everyParameterHasARowWithTheCodesUnitDefaultRangeAndHardLimits() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);

        for (RetryParameter p : RetryParameter.values()) {
            assertThat(text).as("README row for " + p.path()).contains(expectedRowStart(p));
        }
        assertThat(text).contains("https://DOMAIN" + HttpRetryConfigFetcher.WELL_KNOWN_PATH);
    }

    private static String expectedRowStart(RetryParameter p) {
        boolean yesNo = p.unit() == RetryParameter.Unit.YES_NO;
        String range = yesNo ? "true or false" : number(p, p.allowedMin()) + " – " + number(p, p.allowedMax());
        String hard = yesNo ? "—" : number(p, p.hardMin()) + " – " + number(p, p.hardMax());
        String defaultValue = yesNo ? (p.defaultValue() != 0 ? "true" : "false") : number(p, p.defaultValue());
        String unit = p.unit() == RetryParameter.Unit.MILLISECONDS ? "ms"
                : p.unit() == RetryParameter.Unit.SECONDS ? "s" : p.unit().label();
        return "| `" + p.path() + "` | " + unit + " | " + defaultValue + " | " + range + " | " + hard + " |";
    }

    private static String number(RetryParameter p, double value) {
        return p.unit().wholeNumber() ? String.valueOf((long) value) : String.valueOf(value);
    }
}
