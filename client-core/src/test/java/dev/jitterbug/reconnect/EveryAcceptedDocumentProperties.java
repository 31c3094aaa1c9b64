package dev.jitterbug.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.reconnect.BackoffAlgorithm;
import dev.jitterbug.config.Cohort;
import dev.jitterbug.config.HardLimits;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigDocument;
import dev.jitterbug.config.RetryConfigParser;
import dev.jitterbug.config.RetryParameter;
import dev.jitterbug.platform.VirtualScheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a retry-config document says, within what validation accepts (any field anywhere in its allowed range,
 * cohorts included), a fleet of 1,000 clients with different seeds, driven through 50 failures of every category,
 * never meets an exception, never waits outside the hard limits, and never shares a delay: at every attempt each
 * client's wait is drawn from a range at least 1 s wide, so the expected share of the fleet in any 10 ms is at most
 * 1 %; and the delays actually drawn put no 10 ms bin above 5 % of the fleet (a point mass — no jitter, a floor or
 * cap clamp — shows as 10–100 %; 1,000 uniform draws over 1 s reach about 2 % in their fullest bin by chance).
 *
 * <p>On the code before the retry planner, this property found (300 generated documents): an exception inside
 * {@code Reconnector.handleFailure} for a multiplier of 1.0 with the decorrelated policies, which left the client
 * never reconnecting; every {@code fixed} and {@code exponential} document (all 1,000 clients on one value); full and
 * equal jitter clamped by the 500 ms floor (up to 993 of 1,000 clients at exactly 500 ms); multipliers near 1 (24–78 %
 * on one value); and AWS's decorrelated jitter at the cap (38 %).
 */
class EveryAcceptedDocumentProperties {
    private static final int CLIENTS = 1_000;
    private static final int FAILURES = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How each client's attempts end, one failure sequence per run (the same for the whole fleet). */
    private enum Run {
        LOCAL_BLIP(i -> Failure.of(Failure.Kind.DEAD_LINK, "no answer to the probe")),
        SERVER_SIDE(i -> Failure.of(Failure.Kind.CONNECTION_REFUSED, "refused")),
        RETRY_AFTER(i -> Failure.http(503, 1_000L * (1 + i % 700), "busy")),
        REDIRECT(i -> Failure.streamError("see-other-host", "node" + (i % 3) + ":5222", "moved")),
        MIXED(i -> new Run[] {LOCAL_BLIP, SERVER_SIDE, RETRY_AFTER, REDIRECT}[i % 4].failure(i)),
        FATAL(i -> Failure.of(Failure.Kind.NOT_AUTHORIZED, "wrong password"));

        private final IntFunction<Failure> failures;

        Run(IntFunction<Failure> failures) {
            this.failures = failures;
        }

        Failure failure(int index) {
            return failures.apply(index);
        }
    }

    @Property(tries = 40)
    void noAcceptedDocumentLetsAFleetShareADelayOrStopsReconnecting(@ForAll("validDocuments") String json)
            throws Exception {
        RetryConfigDocument document = new RetryConfigParser().parse(json); // generated valid: must be accepted
        List<RetryConfig> configs = new ArrayList<>();
        configs.add(document.baseConfig());
        for (Cohort cohort : document.cohorts()) {
            configs.add(cohort.config());
        }
        for (RetryConfig config : configs) {
            for (Run run : Run.values()) {
                checkFleet(config, run);
            }
        }
    }

    private static void checkFleet(RetryConfig config, Run run) {
        VirtualScheduler scheduler = new VirtualScheduler(0);
        long[][] delays = new long[FAILURES][CLIENTS];
        long[][] spans = new long[FAILURES][CLIENTS];
        int[] waits = new int[CLIENTS];
        List<Reconnector> fleet = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            Reconnector[] reconnector = new Reconnector[1];
            SessionConnector connector = new SessionConnector() {
                private int attempts;

                @Override
                public void connect(String redirect, Callback callback) {
                    if (attempts++ == 0) {
                        callback.established(false); // online first, so the failures start a burst
                    } else {
                        callback.failed(run.failure(attempts));
                    }
                }

                @Override
                public void abort() {
                }
            };
            reconnector[0] = new Reconnector(scheduler, config::reconnectPolicy, connector, new SplitMixRandomSource(31L * i + 7),
                    event -> {
                        if (event.state() == ConnectionState.WAITING && waits[client] < FAILURES) {
                            int attempt = waits[client]++;
                            delays[attempt][client] = event.delayMillis();
                            spans[attempt][client] = event.delayToMillis() - event.delayFromMillis();
                            assertWithinLimits(event, config, run);
                            if (waits[client] == FAILURES) {
                                reconnector[0].stop();
                            }
                        }
                    });
            fleet.add(reconnector[0]);
        }
        for (Reconnector reconnector : fleet) {
            reconnector.start();
        }
        scheduler.runUntilIdle(); // an exception in any reconnect step fails the property here
        for (Reconnector reconnector : fleet) {
            reconnector.sessionLost(run.failure(0));
        }
        scheduler.runUntilIdle();

        if (run == Run.FATAL) {
            assertThat(fleet).allSatisfy(r -> assertThat(r.state()).isEqualTo(ConnectionState.STOPPED));
            return;
        }
        assertThat(waits).as("every client went through %d failures (%s, %s)", FAILURES, run, config)
                .containsOnly(FAILURES);
        for (int attempt = 0; attempt < FAILURES; attempt++) {
            long narrowest = Arrays.stream(spans[attempt]).min().getAsLong();
            assertThat(narrowest).as("attempt %d: the narrowest range a wait was drawn from (%s, %s)", attempt + 1,
                    run, config).isGreaterThanOrEqualTo(RetryPlanner.MIN_SPAN_MILLIS);
            Map<Long, Integer> bins = new HashMap<>();
            for (long delay : delays[attempt]) {
                bins.merge(delay / 10, 1, Integer::sum);
            }
            int fullest = bins.values().stream().max(Integer::compare).orElse(0);
            assertThat(fullest).as("attempt %d: clients in the fullest 10 ms bin (%s, %s)", attempt + 1, run, config)
                    .isLessThanOrEqualTo(CLIENTS / 20);
        }
    }

    private static void assertWithinLimits(ConnectionEvent wait, RetryConfig config, Run run) {
        long ceiling = Math.max(HardLimits.MAX_RETRY_DELAY_MILLIS, RetryPlanner.MAX_RETRY_AFTER_MILLIS * 4 / 3 + 1);
        assertThat(wait.delayMillis()).as("%s, %s: %s", run, config, wait).isBetween(0L, ceiling);
        assertThat(wait.delayMillis()).isBetween(wait.delayFromMillis(), wait.delayToMillis());
        if (wait.detail().endsWith(" backoff")) {
            assertThat(wait.delayMillis()).as("a backoff wait stays above the floor: %s", wait)
                    .isGreaterThanOrEqualTo(HardLimits.MIN_RETRY_DELAY_MILLIS);
        }
    }

    /** Documents the parser must accept: every field drawn from its whole allowed range, and 0–3 cohorts. */
    @Provide
    Arbitrary<String> validDocuments() {
        Arbitrary<ObjectNode> parameters = parameters(false);
        Arbitrary<List<ObjectNode>> cohorts = parameters(true).list().ofMaxSize(3);
        Arbitrary<List<Integer>> percents = Arbitraries.integers().between(1, 3_300).list().ofSize(3);
        return Combinators.combine(parameters, cohorts, percents).as((document, overrides, shares) -> {
            document.put("format", 1).put("version", "generated");
            if (!overrides.isEmpty()) {
                ArrayNode list = document.putArray("cohorts");
                for (int i = 0; i < overrides.size(); i++) {
                    ObjectNode cohort = list.addObject().put("name", "cohort-" + i)
                            .put("percent", shares.get(i) / 100.0);
                    cohort.set("overrides", overrides.get(i));
                }
            }
            return document.toString();
        });
    }

    /** Every parameter in its allowed range (only some of them in a cohort's overrides), with base at most cap. */
    private static Arbitrary<ObjectNode> parameters(boolean cohort) {
        List<Arbitrary<Object[]>> fields = new ArrayList<>();
        for (RetryParameter p : RetryParameter.values()) {
            if (cohort && p == RetryParameter.REFRESH_INTERVAL_MILLIS) {
                continue; // document-wide
            }
            Arbitrary<Object> value = p.unit() == RetryParameter.Unit.YES_NO ? Arbitraries.of(true, false).map(v -> v)
                    : p.unit().wholeNumber()
                            ? Arbitraries.longs().between((long) p.allowedMin(), (long) p.allowedMax()).map(v -> v)
                            : Arbitraries.doubles().between(p.allowedMin(), p.allowedMax()).ofScale(3).map(v -> v);
            Arbitrary<Boolean> present = cohort ? Arbitraries.of(true, false) : Arbitraries.just(true);
            fields.add(Combinators.combine(value, present).as((v, here) -> new Object[] {p, v, here}));
        }
        Arbitrary<BackoffAlgorithm> algorithms = Arbitraries.of(Arrays.stream(BackoffAlgorithm.values())
                .filter(BackoffAlgorithm::documentAllowed).toArray(BackoffAlgorithm[]::new));
        return Combinators.combine(Combinators.combine(fields).as(list -> list), algorithms).as((values, algorithm) -> {
            ObjectNode node = JSON.createObjectNode();
            long base = -1;
            long cap = -1;
            for (Object[] entry : values) {
                RetryParameter p = (RetryParameter) entry[0];
                if (p == RetryParameter.BASE_MILLIS) {
                    base = (Long) entry[1];
                } else if (p == RetryParameter.CAP_MILLIS) {
                    cap = (Long) entry[1];
                }
            }
            for (Object[] entry : values) {
                RetryParameter p = (RetryParameter) entry[0];
                Object value = entry[1];
                if (!(Boolean) entry[2]) {
                    continue; // this cohort leaves the field as the document has it
                } else if (cohort && (p == RetryParameter.BASE_MILLIS || p == RetryParameter.CAP_MILLIS)) {
                    continue; // a cohort's base or cap alone could cross the document's other one
                } else if (p == RetryParameter.BASE_MILLIS) {
                    value = Math.min(base, cap); // the parser requires cap >= base
                } else if (p == RetryParameter.CAP_MILLIS) {
                    value = Math.max(base, cap);
                }
                ObjectNode section = node.has(p.section()) ? (ObjectNode) node.get(p.section())
                        : node.putObject(p.section());
                if (value instanceof Boolean) {
                    section.put(p.field(), (Boolean) value);
                } else if (value instanceof Long) {
                    section.put(p.field(), (Long) value);
                } else {
                    section.put(p.field(), (Double) value);
                }
            }
            ObjectNode backoff = node.has("backoff") ? (ObjectNode) node.get("backoff") : node.putObject("backoff");
            backoff.put("algorithm", algorithm.jsonName());
            return node;
        });
    }
}
