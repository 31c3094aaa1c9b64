package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's story end to end: a connected client, the operator edits the published file, and the client's next
 * reconnect visibly follows the new document (asserted from the reconnector's events); a broken file later changes
 * nothing. The document toggles resumption, so the difference is a resume versus a new login, not a random delay.
 */
class RemoteConfigEndToEndTest {
    private static final Duration PATIENCE = RecordingListener.PATIENCE;

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass().account("alice", "alice-secret");

    private final OkHttpClient http = new OkHttpClient();
    private final ExecutorScheduler scheduler = new ExecutorScheduler("config-e2e");
    private final List<String> versions = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        scheduler.close();
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void theNextReconnectUsesTheOperatorsNewDocumentAndABrokenOneChangesNothing() throws Exception {
        ProsodyServer server = prosody.server();
        publish(server, document("A", true));
        RetryConfigService service = new RetryConfigService(LoopbackRetryConfigFetchers.plainHttp(http, server.httpBase()
                        .resolve(HttpRetryConfigFetcher.WELL_KNOWN_PATH).toString()),
                new InMemoryKeyValueStore(), scheduler);
        service.addListener(status -> versions.add(status.version()));
        service.start();
        await().atMost(PATIENCE).until(() -> versions.contains("A"));

        RecordingListener events = new RecordingListener();
        try (TestClients clients = new TestClients(server)) {
            LoopbackProxy link = clients.proxy();
            clients.online(clients.options("alice", link.via(server.webSocketUri()))
                    .retryConfig(() -> service.configFor("alice@localhost")).build(), events);

            link.dropLink(events);
            await().atMost(PATIENCE).until(() -> events.lastEvent().state().isOnline());
            assertThat(events.lastEvent().state()).as("document A allows resumption").isEqualTo(ConnectionState.RESUMED);
            assertThat(firstWait(events, 0)).isBetween(0L, 1_000L);

            publish(server, document("B", false));
            service.refresh();
            await().atMost(PATIENCE).until(() -> versions.contains("B"));
            int before = events.events.size();
            link.dropLink(events);
            await().atMost(PATIENCE).until(() -> events.events.size() > before && events.lastEvent().state().isOnline());
            assertThat(events.lastEvent().state()).as("document B turned resumption off: a new login")
                    .isEqualTo(ConnectionState.CONNECTED);
            assertThat(firstWait(events, before)).isBetween(0L, 2_000L);

            publish(server, "{ \"format\": 1, \"version\": \"C\", \"backoff\": { \"algorithm\": \"warp-speed\" ");
            service.refresh();
            await().atMost(PATIENCE).until(() -> service.status().lastError() != null);
            assertThat(service.configFor("alice@localhost").version()).isEqualTo("B");
            int beforeBroken = events.events.size();
            link.dropLink(events);
            await().atMost(PATIENCE).until(() -> events.events.size() > beforeBroken
                    && events.lastEvent().state().isOnline());
            assertThat(events.lastEvent().state()).as("still document B").isEqualTo(ConnectionState.CONNECTED);
        }
        service.close();
    }

    private static long firstWait(RecordingListener events, int from) {
        List<ConnectionEvent> waits = events.events.subList(from, events.events.size()).stream()
                .filter(e -> e.state() == ConnectionState.WAITING).collect(Collectors.toList());
        assertThat(waits).isNotEmpty();
        return waits.get(0).delayMillis();
    }

    private static String document(String version, boolean resumption) {
        return "{ \"format\": 1, \"version\": \"" + version + "\","
                + " \"backoff\": { \"algorithm\": \"decorrelated-jitter-smooth\", \"baseMillis\": 500, \"capMillis\": 10000 },"
                + " \"firstAttempt\": { \"serverFailureSpreadMillis\": " + (resumption ? 1000 : 2000) + " },"
                + " \"resumption\": { \"enabled\": " + resumption + " } }";
    }

    private static void publish(ProsodyServer server, String json) throws Exception {
        Path dir = server.filesDir().resolve(".well-known").resolve("jitterbug");
        Files.createDirectories(dir);
        Path tmp = dir.resolve("retry.json.tmp");
        Files.write(tmp, json.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, dir.resolve("retry.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
