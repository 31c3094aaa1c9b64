package dev.jitterbug.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jitterbug.config.ConfigCheck;
import dev.jitterbug.config.RetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StormForecastTest {
    private final StormForecast forecast = new StormForecast(100);

    @Test
    void sampledWaitsStartWithTheSpreadThenFollowThePolicyAndRepeatForTheSameAccount() {
        RetryConfig config = RetryConfig.defaults();

        List<Long> waits = forecast.sampleWaits(config, "alice@example.org", 10);

        assertThat(waits).hasSize(10);
        assertThat(waits.get(0)).isBetween(0L, config.serverFailureSpreadMillis());
        assertThat(waits.subList(1, 10)).allSatisfy(w -> assertThat(w).isBetween(config.baseMillis(), config.capMillis()));
        assertThat(forecast.sampleWaits(config, "alice@example.org", 10)).isEqualTo(waits);
        assertThat(forecast.sampleWaits(config, "bob@example.org", 10)).isNotEqualTo(waits);
    }

    @Test
    void theLoadCurveSummarisesTheStormAndDrawsItOverTime() {
        List<String> curve = forecast.loadCurve(RetryConfig.defaults(), 3_000);

        assertThat(curve.get(0)).contains("3,000 clients", "server 100 logins/s", "99% after");
        assertThat(curve).anySatisfy(line -> assertThat(line).contains("serverFailureSpreadMillis = 37500"));
        assertThat(curve).anySatisfy(line -> assertThat(line).contains("attempts per second"));
        assertThat(curve.size()).isBetween(5, 30);
    }

    @Test
    void configCheckPrintsTheForecast(@TempDir Path dir) throws Exception {
        Path document = dir.resolve("retry.json");
        Files.write(document, ("{\"format\": 1, \"version\": \"test\", \"backoff\": {\"algorithm\":"
                + " \"decorrelated-jitter-smooth\", \"baseMillis\": 1000, \"capMillis\": 120000}}")
                .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = new ConfigCheck(new PrintStream(printed, true, "UTF-8"), forecast)
                .run("check", document.toString(), "--fleet", "2000");

        String output = new String(printed.toByteArray(), StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(output).contains("first 10 waits after a server-side failure: ", "2,000 clients", "attempts per second");
        assertThat(output).doesNotContain("not available");
    }

    @Test
    void theCommandTakesTheCapacityAndPassesTheRestToConfigCheck(@TempDir Path dir) throws Exception {
        Path document = dir.resolve("retry.json");
        Files.write(document, ("{\"format\": 1, \"version\": \"test\", \"backoff\": {\"algorithm\":"
                + " \"decorrelated-jitter-smooth\", \"baseMillis\": 1000, \"capMillis\": 120000}}")
                .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, "UTF-8");

        int status = ConfigCheckCommand.run(out, "check", document.toString(), "--capacity", "250", "--fleet", "1000");

        assertThat(status).isZero();
        assertThat(new String(printed.toByteArray(), StandardCharsets.UTF_8)).contains("server 250 logins/s");
        assertThat(ConfigCheckCommand.run(out, "check", document.toString(), "--capacity", "lots")).isEqualTo(2);
        assertThat(ConfigCheckCommand.run(out, "check", document.toString(), "--capacity")).isEqualTo(2);
        assertThat(ConfigCheckCommand.run(out, "check", document.toString(), "--capacity", "0")).isEqualTo(2);
        assertThat(new String(printed.toByteArray(), StandardCharsets.UTF_8))
                .contains("--capacity must be a whole number of sessions per second (was 'lots')",
                        "--capacity needs a number", "--capacity must be at least 1");
    }

    @Test
    void aCapacityBelowOneIsRejectedInWords() {
        assertThatThrownBy(() -> new StormForecast(0)).hasMessageContaining("at least 1 session per second");
    }
}
