package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.FileKeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over real HTTP and a real file store: what reaches the reconnector, and what never does. */
class RetryConfigServiceHttpTest {
    private static final String ALICE = "alice@example.org";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path storeDir;

    private final OkHttpClient client = new OkHttpClient();
    private final ExecutorScheduler scheduler = new ExecutorScheduler("retry-config-test");
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        scheduler.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private RetryConfigService service() {
        RetryConfigService service = new RetryConfigService(
                LoopbackRetryConfigFetchers.plainHttp(client,
                        server.url("/.well-known/jitterbug/retry.json").toString()).withTimeoutMillis(1_000),
                new FileKeyValueStore(storeDir), scheduler);
        service.addListener(status -> listenerThreads.add(Thread.currentThread().getName()));
        return service;
    }

    /** Serves a good document first, then {@code next}; returns the service after both were fetched. */
    private RetryConfigService goodThen(MockResponse next) {
        server.enqueue(new MockResponse.Builder().body(Examples.read("minimal.json")).addHeader("ETag", "\"good\"")
                .build());
        server.enqueue(next);
        RetryConfigService service = service();
        service.start();
        await().atMost(PATIENCE).until(() -> service.status().source() == RetryConfigStatus.Source.REMOTE);
        service.refresh();
        await().atMost(PATIENCE).until(() -> service.status().lastError() != null);
        return service;
    }

    private static void assertGoodDocumentStillInForce(RetryConfigService service) {
        assertThat(service.status().version()).isEqualTo("2026-11-27.1");
        assertThat(service.status().etag()).isEqualTo("\"good\"");
        assertThat(service.configFor(ALICE).baseMillis()).isEqualTo(1_000);
    }

    @Test
    void aFetchedDocumentIsAppliedOnTheSchedulerAndSurvivesARestart() {
        server.enqueue(new MockResponse.Builder().body(Examples.read("incident-slow-down.json"))
                .addHeader("ETag", "\"v3\"").build());
        RetryConfigService service = service();
        service.start();
        await().atMost(PATIENCE).until(() -> service.configFor(ALICE).baseMillis() == 5_000);
        await().atMost(PATIENCE).until(() -> !listenerThreads.isEmpty());
        assertThat(listenerThreads).containsOnly("retry-config-test");
        service.close();

        RetryConfigService restarted = service();
        assertThat(restarted.status().source()).isEqualTo(RetryConfigStatus.Source.PERSISTED);
        assertThat(restarted.configFor(ALICE).serverFailureSpreadMillis()).isEqualTo(300_000);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void notModifiedKeepsTheDocumentAndMarksItConfirmed() throws Exception {
        server.enqueue(new MockResponse.Builder().body(Examples.read("minimal.json")).addHeader("ETag", "\"good\"")
                .build());
        server.enqueue(new MockResponse.Builder().code(304).build());
        RetryConfigService service = service();
        service.start();
        await().atMost(PATIENCE).until(() -> service.status().source() == RetryConfigStatus.Source.REMOTE);
        RetryConfigStatus firstFetch = service.status();

        service.refresh();
        await().atMost(PATIENCE).until(() -> service.status() != firstFetch); // a new status per answer, 304 too

        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"good\"");
        assertGoodDocumentStillInForce(service);
        assertThat(service.status().lastError()).isNull();
    }

    @Test
    void aServerErrorKeepsTheDocumentAndStartsTheOwnBackoff() throws Exception {
        RetryConfigService service = goodThen(new MockResponse.Builder().code(500).build());

        assertGoodDocumentStillInForce(service);
        assertThat(service.status().lastError()).startsWith("the config server answered HTTP 500");
        assertThat(service.status().consecutiveFailures()).isEqualTo(1);

        server.takeRequest();
        server.takeRequest();
        service.refreshForReconnect();
        assertThat(server.takeRequest(500, TimeUnit.MILLISECONDS)).as("no reconnect fetch while backing off").isNull();
    }

    @Test
    void aStalledBodyEndsAtTheTimeoutAndChangesNothing() {
        RetryConfigService service = goodThen(new MockResponse.Builder().body(Examples.read("incident-slow-down.json"))
                .throttleBody(16, 1, TimeUnit.SECONDS).build());

        assertGoodDocumentStillInForce(service);
        assertThat(service.status().lastError()).contains("took longer than 1.0 s");
    }

    @Test
    void malformedJsonChangesNothing() {
        RetryConfigService service = goodThen(new MockResponse.Builder().body("{\"format\": 1, \"version\": ").build());

        assertGoodDocumentStillInForce(service);
        assertThat(service.status().lastError()).contains("it is not valid JSON");
    }

    @Test
    void aValueOutOfRangeChangesNothing() {
        RetryConfigService service = goodThen(new MockResponse.Builder()
                .body(Examples.read("invalid/base-10ms.json")).build());

        assertGoodDocumentStillInForce(service);
        assertThat(service.status().lastError()).contains("backoff.baseMillis is 10 ms, outside the allowed range");
    }

    @Test
    void aWrongTypeChangesNothing() {
        RetryConfigService service = goodThen(new MockResponse.Builder()
                .body(Examples.read("invalid/wrong-type.json")).build());

        assertGoodDocumentStillInForce(service);
        assertThat(service.status().lastError()).contains("backoff.baseMillis must be a whole number");
    }

    @Test
    void aMissingRequiredFieldChangesNothing() {
        RetryConfigService service = goodThen(new MockResponse.Builder()
                .body(Examples.read("invalid/missing-backoff.json")).build());

        assertGoodDocumentStillInForce(service);
        assertThat(service.status().lastError()).contains("backoff.algorithm is missing");
    }

    @Test
    void fiveMegabytesChangeNothing() {
        StringBuilder huge = new StringBuilder("{\"format\":1,\"version\":\"");
        while (huge.length() < 5 * 1024 * 1024) {
            huge.append("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        }
        RetryConfigService service = goodThen(new MockResponse.Builder().body(huge.append("\"}").toString()).build());

        assertGoodDocumentStillInForce(service);
        assertThat(service.status().lastError()).contains("too large");
    }

    @Test
    void unknownFieldsAreToleratedAndShownInTheStatus() {
        server.enqueue(new MockResponse.Builder().body(Examples.read("future-fields.json")).build());
        RetryConfigService service = service();
        service.start();
        await().atMost(PATIENCE).until(() -> service.status().source() == RetryConfigStatus.Source.REMOTE);

        assertThat(service.configFor(ALICE).capMillis()).isEqualTo(300_000);
        assertThat(service.status().ignoredFields()).contains("quic", "backoff.jitterSeed");
        assertThat(service.status().lastError()).isNull();
    }
}
