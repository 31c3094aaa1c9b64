package dev.jitterbug.sim;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import dev.jitterbug.config.RetryConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's story as named scenarios, side by side: what the chat service did (fixed 2 s), the textbook fixes,
 * and our default. All start from the built-in config and change only what the name says.
 */
public final class StormScenarios {
    private StormScenarios() {
    }

    public static List<StormScenario> seedStory(int clients, int capacityPerSecond) {
        RetryConfig defaults = RetryConfig.defaults();
        List<StormScenario> scenarios = new ArrayList<>();
        scenarios.add(StormScenario.nodeKill("fixed 2 s, no spread (the anti-pattern)", defaults.toBuilder()
                .version("fixed-2s").algorithm(BackoffAlgorithm.FIXED).baseMillis(2_000).serverFailureSpreadMillis(0)
                .build(), clients, capacityPerSecond));
        scenarios.add(StormScenario.nodeKill("exponential, no jitter, no spread", defaults.toBuilder()
                .version("exponential").algorithm(BackoffAlgorithm.EXPONENTIAL).multiplier(2.0)
                .serverFailureSpreadMillis(0).build(), clients, capacityPerSecond));
        scenarios.add(StormScenario.nodeKill("full jitter", defaults.toBuilder()
                .version("full-jitter").algorithm(BackoffAlgorithm.FULL_JITTER).multiplier(2.0).build(),
                clients, capacityPerSecond));
        scenarios.add(StormScenario.nodeKill("AWS decorrelated jitter", defaults.toBuilder()
                .version("aws-decorrelated").algorithm(BackoffAlgorithm.DECORRELATED_JITTER).build(),
                clients, capacityPerSecond));
        scenarios.add(StormScenario.nodeKill("our default (smooth decorrelated)", defaults.toBuilder()
                .version("default").build(), clients, capacityPerSecond));
        scenarios.add(StormScenario.nodeKill("our default, spread sized to the fleet", sizedToFleet(defaults, clients,
                capacityPerSecond), clients, capacityPerSecond));
        // The seed story compares back-off policies of clients that could only log in (its web client had no
        // XEP-0198); the rows stay comparable across releases. Resume-first is in resumeFirst().
        scenarios.replaceAll(StormScenario::withoutResumption);
        return scenarios;
    }

    /**
     * Jitterbug as shipped (resume first, the default config) in the three outages, against a server that logs in
     * {@code capacityPerSecond} and resumes {@code resumeCapacityPerSecond} sessions per second: a link drop (the
     * sessions survive), a node kill (they do not) and an 8-second freeze.
     */
    public static List<StormScenario> resumeFirst(int clients, int capacityPerSecond, int resumeCapacityPerSecond) {
        RetryConfig defaults = RetryConfig.defaults();
        List<StormScenario> scenarios = new ArrayList<>();
        scenarios.add(StormScenario.linkDrop("link drop, sessions alive", defaults, clients, capacityPerSecond,
                resumeCapacityPerSecond));
        RetryConfig sizedBlip = blipSizedToFleet(defaults, clients, resumeCapacityPerSecond);
        if (sizedBlip.blipRetryWindowMillis() != defaults.blipRetryWindowMillis()) {
            scenarios.add(StormScenario.linkDrop("link drop, resume window sized to the fleet", sizedBlip, clients,
                    capacityPerSecond, resumeCapacityPerSecond));
        }
        scenarios.add(StormScenario.nodeKill("node kill, resume first", defaults, clients, capacityPerSecond)
                .withResumeCapacity(resumeCapacityPerSecond));
        scenarios.add(StormScenario.freeze("server frozen 8 s", defaults, clients, capacityPerSecond,
                resumeCapacityPerSecond, 8_000));
        return scenarios;
    }

    /**
     * The config with the blip window (which also paces resume-first attempts) an operator should publish when a
     * balancer may drop every connection of a node at once: {@code 1.25 × N ÷ C_resume}, within the allowed 1–30 s.
     */
    public static RetryConfig blipSizedToFleet(RetryConfig config, int clients, int resumeCapacityPerSecond) {
        long window = (long) Math.ceil(1.25 * 1000.0 * clients / resumeCapacityPerSecond);
        window = Math.max(config.blipRetryWindowMillis(), Math.min(30_000, window));
        return config.toBuilder().version(config.version() + "+blip-" + window / 1000 + "s")
                .blipRetryWindowMillis(window).build();
    }

    /**
     * The default config with the server-failure spread an operator should publish for this fleet:
     * {@code 1.25 × N ÷ C}, so the first wave arrives at 80 % of capacity and random clumps still fit.
     */
    public static RetryConfig sizedToFleet(RetryConfig config, int clients, int capacityPerSecond) {
        long spread = (long) Math.ceil(1.25 * 1000.0 * clients / capacityPerSecond);
        return config.toBuilder().version(config.version() + "+spread-" + spread / 1000 + "s")
                .serverFailureSpreadMillis(spread).build();
    }
}
