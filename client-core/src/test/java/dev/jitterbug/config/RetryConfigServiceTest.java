package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.platform.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The service's decisions (when to fetch, what to keep) on virtual time, with a scripted config server. */
class RetryConfigServiceTest {
    private static final String ALICE = "alice@example.org";

    private final ManualScheduler scheduler = new ManualScheduler();
    private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    private final ScriptedFetcher server = new ScriptedFetcher();
    private final List<String> events = new ArrayList<>();

    private RetryConfigService service() {
        RetryConfigService service = new RetryConfigService(server, store, scheduler, new Random(7));
        service.addListener(new RetryConfigListener() {
            @Override
            public void retryConfigChanged(RetryConfigStatus status) {
                events.add("changed " + status.version());
            }

            @Override
            public void retryConfigStatusChanged(RetryConfigStatus status) {
                events.add("status " + status.source() + (status.lastError() != null ? " error" : ""));
            }
        });
        return service;
    }

    @Test
    void withNothingSavedTheBuiltInDefaultsAreInForceBeforeAnyNetwork() {
        RetryConfigService service = service();

        assertThat(service.configFor(ALICE).baseMillis()).isEqualTo(RetryConfig.defaults().baseMillis());
        assertThat(service.status().source()).isEqualTo(RetryConfigStatus.Source.BUILTIN);
        assertThat(service.status().version()).isEqualTo("builtin");
        assertThat(server.fetches()).isZero();
    }

    @Test
    void aFetchedDocumentIsAppliedLiveSavedAndInForceAtTheNextStartBeforeAnyNetwork() {
        server.answer(FetchResult.document(Examples.read("incident-slow-down.json"), "\"v3\"", -1));
        RetryConfigService first = service();
        first.start();
        scheduler.runDue();

        assertThat(first.configFor(ALICE).baseMillis()).isEqualTo(5_000);
        assertThat(first.status().source()).isEqualTo(RetryConfigStatus.Source.REMOTE);
        assertThat(first.status().etag()).isEqualTo("\"v3\"");
        assertThat(first.status().fetchedAtMillis()).isEqualTo(scheduler.currentTimeMillis());
        assertThat(events).containsExactly("changed 2026-11-27.3 node-3 outage: slower back-off, wider first spread");

        RetryConfigService second = new RetryConfigService(server, store, scheduler);
        assertThat(second.configFor(ALICE).baseMillis()).isEqualTo(5_000);
        assertThat(second.status().source()).isEqualTo(RetryConfigStatus.Source.PERSISTED);
        assertThat(second.status().etag()).isEqualTo("\"v3\"");
        assertThat(server.fetches()).isEqualTo(1);
    }

    @Test
    void theSavedEtagIsSentAndNotModifiedConfirmsTheSavedDocument() {
        server.answer(FetchResult.document(Examples.read("minimal.json"), "\"e1\"", -1))
                .answer(FetchResult.notModified(-1));
        service().start();
        scheduler.runDue();

        RetryConfigService restarted = service();
        restarted.start();
        scheduler.runDue();

        assertThat(server.askedWithEtag()).containsExactly(null, "\"e1\"");
        assertThat(restarted.status().source()).isEqualTo(RetryConfigStatus.Source.REMOTE);
        assertThat(restarted.status().version()).isEqualTo("2026-11-27.1");
    }

    @Test
    void aRejectedDocumentChangesNothingButTheStatus() {
        server.answer(FetchResult.document(Examples.read("minimal.json"), "\"good\"", -1))
                .answer(FetchResult.document(Examples.read("invalid/base-10ms.json"), "\"bad\"", -1));
        RetryConfigService service = service();
        service.start();
        scheduler.runDue();
        service.refresh();
        scheduler.runDue();

        assertThat(service.status().version()).isEqualTo("2026-11-27.1");
        assertThat(service.status().etag()).isEqualTo("\"good\"");
        assertThat(service.configFor(ALICE).baseMillis()).isEqualTo(1_000);
        assertThat(service.status().lastError())
                .contains("was not applied, the previous one stays in force")
                .contains("backoff.baseMillis is 10 ms, outside the allowed range 500 ms to 60000 ms");
        assertThat(events).containsExactly("changed 2026-11-27.1", "status REMOTE error");
        assertThat(new RetryConfigService(server, store, scheduler).status().etag()).isEqualTo("\"good\"");
    }

    @Test
    void aReconnectBurstFetchesOnceAndTheNextBurstOnlyAfterTheRateLimit() {
        server.answer(FetchResult.document(Examples.read("minimal.json"), "\"e\"", -1));
        for (int i = 0; i < 5; i++) {
            server.answer(FetchResult.notModified(-1));
        }
        RetryConfigService service = service();

        service.refreshForReconnect();
        service.refreshForReconnect();
        scheduler.runDue();
        service.refreshForReconnect();
        scheduler.advance(2 * RetryConfigService.MIN_RECONNECT_FETCH_GAP_MILLIS);
        service.refreshForReconnect();
        scheduler.runDue();
        assertThat(server.fetches()).as("one burst, however long").isEqualTo(1);
        assertThat(service.status().lastError()).isNull();

        service.sessionEstablished();
        service.refreshForReconnect();
        scheduler.runDue();
        assertThat(server.fetches()).as("a new burst, but more than a minute after the last fetch").isEqualTo(2);

        service.sessionEstablished();
        scheduler.advance(10_000);
        service.refreshForReconnect();
        scheduler.runDue();
        assertThat(server.fetches()).as("a new burst within a minute of the last fetch").isEqualTo(2);

        scheduler.advance(RetryConfigService.MIN_RECONNECT_FETCH_GAP_MILLIS);
        service.refreshForReconnect();
        scheduler.runDue();
        assertThat(server.fetches()).isEqualTo(3);
        assertThat(service.status().consecutiveFailures()).isZero();
    }

    @Test
    void aFreshAnswerByMaxAgeIsNotAskedForAgainOnReconnect() {
        server.answer(FetchResult.document(Examples.read("minimal.json"), "\"e\"", 600_000))
                .answer(FetchResult.notModified(600_000));
        RetryConfigService service = service();
        service.start();
        scheduler.runDue();

        scheduler.advance(120_000);
        service.refreshForReconnect();
        scheduler.runDue();
        assertThat(server.fetches()).isEqualTo(1);

        scheduler.advance(500_000);
        service.refreshForReconnect();
        scheduler.runDue();
        assertThat(server.fetches()).isEqualTo(2);
    }

    @Test
    void aSavedCopyStillFreshByMaxAgeIsUsedWithoutFetchingAtStart() {
        server.answer(FetchResult.document(Examples.read("minimal.json"), "\"e\"", 600_000));
        service().start();
        scheduler.runDue();

        scheduler.advance(60_000);
        RetryConfigService restarted = service();
        restarted.start();
        scheduler.runDue();

        assertThat(server.fetches()).isEqualTo(1);
        assertThat(scheduler.nextDueIn()).isBetween(1L, 600_000L);
    }

    @Test
    void failuresBackOffOnTheirOwnAndSuppressReconnectFetches() {
        for (int i = 0; i < 4; i++) {
            server.answer(FetchResult.failed("the config server answered HTTP 500", -1));
        }
        server.answer(FetchResult.document(Examples.read("minimal.json"), "\"e\"", -1));
        RetryConfigService service = service();
        service.start();
        scheduler.runDue();
        assertThat(service.status().consecutiveFailures()).isEqualTo(1);
        assertThat(service.status().lastError()).isEqualTo("the config server answered HTTP 500");
        long firstWait = scheduler.nextDueIn();
        assertThat(firstWait).isBetween(15_000L, 30_000L);

        service.refreshForReconnect();
        scheduler.runDue();
        assertThat(server.fetches()).as("backing off: no reconnect fetch").isEqualTo(1);

        List<Long> waits = new ArrayList<>();
        waits.add(firstWait);
        for (int attempt = 2; attempt <= 4; attempt++) {
            scheduler.advance(scheduler.nextDueIn());
            assertThat(server.fetches()).isEqualTo(attempt);
            waits.add(scheduler.nextDueIn());
        }
        assertThat(waits.get(1)).isBetween(30_000L, 60_000L);
        assertThat(waits.get(2)).isBetween(60_000L, 120_000L);
        assertThat(waits.get(3)).isBetween(120_000L, 240_000L);

        scheduler.advance(scheduler.nextDueIn());
        assertThat(service.status().consecutiveFailures()).isZero();
        assertThat(service.status().lastError()).isNull();
        assertThat(scheduler.nextDueIn()).as("back to the refresh interval")
                .isBetween(3_240_000L, 3_960_000L);
    }

    @Test
    void retryAfterFromTheServerLengthensTheBackoff() {
        server.answer(FetchResult.failed("the config server answered HTTP 503", 300_000));
        RetryConfigService service = service();
        service.start();
        scheduler.runDue();

        // At least the 5 minutes asked (instead of 15–30 s), plus up to a third so a fleet does not return together.
        assertThat(scheduler.nextDueIn()).isBetween(300_000L, 400_000L);
    }

    @Test
    void aCorruptSavedCopyFallsBackToTheDefaultsAndSaysWhy() {
        store.put(SavedRetryConfig.keyFor(server.location()), "{ not json");

        RetryConfigService service = service();

        assertThat(service.status().source()).isEqualTo(RetryConfigStatus.Source.BUILTIN);
        assertThat(service.status().lastError()).startsWith("the saved retry config could not be read");
    }

    @Test
    void aSavedCopyThatNoLongerPassesValidationIsNotUsed() {
        store.put(SavedRetryConfig.keyFor(server.location()),
                "{\"body\": " + new com.fasterxml.jackson.databind.node.TextNode(
                        Examples.read("invalid/base-10ms.json")) + ", \"etag\": \"x\", \"location\": \""
                        + server.location() + "\"}");

        RetryConfigService service = service();

        assertThat(service.configFor(ALICE).baseMillis()).isEqualTo(RetryConfig.defaults().baseMillis());
        assertThat(service.status().lastError()).contains("not valid any more");
    }

    @Test
    void aSavedCopyIsKeptPerLocation() {
        server.answer(FetchResult.document(Examples.read("incident-slow-down.json"), "\"e\"", -1));
        service().start();
        scheduler.runDue();

        RetryConfigFetcher elsewhere = new RetryConfigFetcher() {
            @Override
            public String location() {
                return "https://other.example/.well-known/jitterbug/retry.json";
            }

            @Override
            public void fetch(String ifNoneMatch, Callback callback) {
                callback.done(FetchResult.failed("offline", -1));
            }
        };
        RetryConfigService other = new RetryConfigService(elsewhere, store, scheduler);

        assertThat(other.status().source()).isEqualTo(RetryConfigStatus.Source.BUILTIN);
        assertThat(other.status().lastError()).isNull();
    }

    @Test
    void anAccountAddressIsNeededToPickTheConfig() {
        RetryConfigService service = service();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.configFor(" "))
                .hasMessageContaining("An account address (bare JID) is needed");
    }

    @Test
    void theSameBodyAgainIsNotReportedAsAChange() {
        server.answer(FetchResult.document(Examples.read("minimal.json"), null, -1))
                .answer(FetchResult.document(Examples.read("minimal.json"), null, -1));
        RetryConfigService service = service();
        service.start();
        scheduler.runDue();
        service.refresh();
        scheduler.runDue();

        assertThat(events).containsExactly("changed 2026-11-27.1", "status REMOTE");
    }

    @Test
    void cohortsApplyPerAccount() {
        server.answer(FetchResult.document(Examples.read("cohorts.json"), null, -1));
        RetryConfigService service = service();
        service.start();
        scheduler.runDue();

        int inBeta = 0;
        for (int i = 0; i < 2_000; i++) {
            if (service.configFor("user" + i + "@example.org").version().endsWith("/beta-smooth")) {
                inBeta++;
            }
        }
        assertThat(inBeta).isBetween(60, 140);
    }
}
