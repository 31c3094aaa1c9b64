package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.FileKeyValueStore;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With every stanza logged (the wire log at DEBUG), a full login, a resume and a re-login after a server kill, over
 * WebSocket and BOSH, leave neither the password nor any SCRAM message in the logs, nor the password on disk.
 */
class CredentialsNeverLeakTest {
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final RetryConfig QUICK = RetryConfig.defaults().toBuilder()
            .baseMillis(500).capMillis(3_000).serverFailureSpreadMillis(1_000).blipRetryWindowMillis(500).build();

    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest().account("alice", PASSWORD);

    @TempDir
    Path storeDir;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Level wireLevel;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger wire = (Logger) LoggerFactory.getLogger("dev.jitterbug.wire");
        wireLevel = wire.getLevel();
        wire.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(captured);
        ((Logger) LoggerFactory.getLogger("dev.jitterbug.wire")).setLevel(wireLevel);
    }

    @Test
    void passwordAndScramMessagesAppearInNoLogAndNoFile() throws Exception {
        ProsodyServer server = prosody.server();
        FileKeyValueStore store = new FileKeyValueStore(storeDir);
        try (TestClients clients = new TestClients(server)) {
            dev.jitterbug.testing.LoopbackProxy link = clients.proxy();
            for (java.net.URI endpoint : List.of(server.webSocketUri(), server.boshUri())) {
                RecordingListener events = new RecordingListener();
                JitterbugClient alice = clients.online(clients.options("alice", link.via(endpoint)).store(store)
                        .retryConfig(QUICK).build(), events);
                link.dropLink(events);
                events.awaitNextSession();
                server.kill();
                server.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> events.states().stream()
                        .filter(s -> s == ConnectionState.CONNECTED).count() >= 2);
                alice.close();
            }
        }

        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
        assertThat(lines).as("the wire log really ran, authentication included")
                .anyMatch(l -> l.startsWith("SEND") && (l.contains("<auth ") || l.contains("<authenticate ")))
                .anyMatch(l -> l.startsWith("RECV") && l.contains("challenge"));
        String clientFirst = b64("n,,n=alice");
        String clientFinal = b64("c=biws");
        for (String line : lines) {
            assertThat(line).doesNotContain(PASSWORD).doesNotContain(clientFirst).doesNotContain(clientFinal)
                    .doesNotContain(b64("\0alice\0" + PASSWORD));
        }
        try (Stream<Path> files = Files.walk(storeDir)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as(file.toString())
                        .doesNotContain(PASSWORD);
            }
        }
        System.out.println("checked " + lines.size() + " log lines and the state folder");
    }

    /** The base64 prefix of a SCRAM/PLAIN message start (whole 3-byte groups only, so it matches in longer text). */
    private static String b64(String start) {
        byte[] bytes = start.getBytes(StandardCharsets.UTF_8);
        int whole = bytes.length - bytes.length % 3;
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, whole));
    }
}
