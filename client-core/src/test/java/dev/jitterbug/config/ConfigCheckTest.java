package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int check(ReconnectForecast forecast, String... args) {
        return new ConfigCheck(new PrintStream(printed, true, StandardCharsets.UTF_8), forecast).run(args);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String example(String name) {
        return Examples.dir().resolve(name).toString();
    }

    @Test
    void aValidDocumentPrintsTheEffectiveParametersOfEveryCohort() {
        int status = check(ReconnectForecast.NOT_WIRED, "check", example("cohorts.json"));

        assertThat(status).isZero();
        assertThat(output())
                .contains("valid (format 1, version \"2026-11-27.4 beta cohorts\")")
                .contains("everyone else (94.50%)", "beta-smooth (5.00%)", "canary-wide-spread (0.50%)")
                .containsPattern("backoff\\.capMillis\\s+120000 ms\\s+60000 ms\\s+120000 ms")
                .containsPattern("resumption\\.preferSasl2\\s+true\\s+true\\s+false")
                .contains("What alice@example.org does (bucket " + AccountBuckets.bucketOf("alice@example.org"))
                .contains("first 10 waits after a server-side failure: (not available");
    }

    @Test
    void aRejectedDocumentListsEveryProblemAndExitsWithOne() {
        int status = check(ReconnectForecast.NOT_WIRED, "check", example("invalid/missing-backoff.json"));

        assertThat(status).isEqualTo(1);
        assertThat(output()).contains("REJECTED. Clients keep the config they have.")
                .contains("  - backoff.algorithm is missing").contains("  - backoff.capMillis is missing");
    }

    @Test
    void ignoredFieldsAreShownSoTyposDoNotGoUnnoticed() {
        check(ReconnectForecast.NOT_WIRED, "check", example("future-fields.json"));

        assertThat(output()).contains("Ignored (unknown to this client; a typo?): quic, backoff.jitterSeed, "
                + "cohorts[0].rolloutNote");
    }

    @Test
    void aWiredForecastShowsSampledWaitsAndTheLoadCurveForTheFleet() {
        List<String> askedFor = new ArrayList<>();
        ReconnectForecast forecast = new ReconnectForecast() {
            @Override
            public List<Long> sampleWaits(RetryConfig config, String bareJid, int count) {
                askedFor.add(bareJid + " " + config.version() + " " + count);
                return Arrays.asList(1_500L, 4_000L);
            }

            @Override
            public List<String> loadCurve(RetryConfig config, int fleetSize) {
                return Collections.singletonList("0-10 s: " + fleetSize / 10 + " attempts/s");
            }
        };

        check(forecast, "check", example("minimal.json"), "--fleet", "5000", "--jid", "bob@example.org");

        assertThat(askedFor).containsExactly("bob@example.org 2026-11-27.1 10");
        assertThat(output()).contains("first 10 waits after a server-side failure: 1.5, 4.0 (s)")
                .contains("Predicted load when a node serving 5000 clients dies:")
                .contains("  0-10 s: 500 attempts/s");
    }

    @Test
    void usageMistakesAreExplainedAndExitWithTwo() {
        assertThat(check(ReconnectForecast.NOT_WIRED, "check")).isEqualTo(2);
        assertThat(check(ReconnectForecast.NOT_WIRED, "check", example("minimal.json"), "--fleet", "many"))
                .isEqualTo(2);
        assertThat(check(ReconnectForecast.NOT_WIRED, "check", "/no/such/file.json")).isEqualTo(2);
        assertThat(output()).contains("which file?")
                .contains("--fleet needs a positive whole number of clients, not 'many'")
                .contains("There is no file /no/such/file.json");
    }
}
