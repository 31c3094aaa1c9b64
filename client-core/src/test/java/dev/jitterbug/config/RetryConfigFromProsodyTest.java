package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.FileKeyValueStore;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The normal path against a real web server: Prosody's http_files serves the file the operator (this test) writes
 * at the conventional well-known path.
 */
class RetryConfigFromProsodyTest {
    private static final String ALICE = "alice@localhost";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass();

    @TempDir
    Path storeDir;

    private final OkHttpClient client = new OkHttpClient();
    private final ExecutorScheduler scheduler = new ExecutorScheduler("retry-config-prosody");
    private final List<String> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        scheduler.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void theOperatorsFileIsAppliedLiveAndABrokenFileLaterChangesNothing() throws Exception {
        ProsodyServer server = prosody.server();
        Path published = publish(server, Examples.read("minimal.json"));
        RetryConfigService service = new RetryConfigService(LoopbackRetryConfigFetchers.plainHttp(client, server.httpBase()
                        .resolve(HttpRetryConfigFetcher.WELL_KNOWN_PATH).toString()),
                new FileKeyValueStore(storeDir), scheduler);
        service.addListener(status -> changes.add(status.version()));

        service.start();
        await().atMost(PATIENCE).until(() -> changes.contains("2026-11-27.1"));
        assertThat(service.configFor(ALICE).baseMillis()).isEqualTo(1_000);
        assertThat(service.status().source()).isEqualTo(RetryConfigStatus.Source.REMOTE);
        String etag = service.status().etag();
        assertThat(etag).as("Prosody's http_files sends an ETag").isNotNull();

        RetryConfigStatus firstFetch = service.status();
        service.refresh();
        await().atMost(PATIENCE).until(() -> service.status() != firstFetch); // a new status per answer, 304 too
        assertThat(service.status().etag()).as("304 Not Modified keeps the document").isEqualTo(etag);
        assertThat(changes).hasSize(1);

        write(published, Examples.read("incident-slow-down.json"));
        service.refreshForReconnect();
        await().atMost(PATIENCE).until(() -> service.configFor(ALICE).baseMillis() == 5_000);
        assertThat(service.configFor(ALICE).capMillis()).isEqualTo(600_000);
        assertThat(changes).containsExactly("2026-11-27.1",
                "2026-11-27.3 node-3 outage: slower back-off, wider first spread");

        write(published, "{ \"format\": 1, \"version\": \"oops\", \"backoff\": { \"baseMillis\": 1 ");
        service.refresh();
        await().atMost(PATIENCE).until(() -> service.status().lastError() != null);
        assertThat(service.status().lastError()).contains("not valid JSON");
        assertThat(service.configFor(ALICE).baseMillis()).isEqualTo(5_000);
        assertThat(changes).hasSize(2);

        RetryConfigService nextStart = new RetryConfigService(LoopbackRetryConfigFetchers.plainHttp(client, service.status().location()),
                new FileKeyValueStore(storeDir), scheduler);
        assertThat(nextStart.status().source()).isEqualTo(RetryConfigStatus.Source.PERSISTED);
        assertThat(nextStart.configFor(ALICE).baseMillis()).isEqualTo(5_000);
    }

    private static Path publish(ProsodyServer server, String json) throws Exception {
        Path dir = server.filesDir().resolve(".well-known").resolve("jitterbug");
        Files.createDirectories(dir);
        Path file = dir.resolve("retry.json");
        write(file, json);
        return file;
    }

    private static void write(Path file, String json) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, json.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
