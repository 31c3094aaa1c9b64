package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.ServerKind;
import dev.jitterbug.testing.TestClients;
import dev.jitterbug.testing.TestServers;
import dev.jitterbug.testing.XmppTestServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the client does for each way a server can end a session: stop, spread out, follow, or wait as told. What a
 * real server does runs on Prosody and ejabberd; what no real server sends on demand comes from a scripted peer.
 */
class StreamErrorBehaviourTest {
    private static final RetryConfig QUICK = QuickRetry.CONFIG;

    @RegisterExtension
    final TestServers servers = TestServers.perTest().account("alice", "alice-secret");

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void conflictStopsRetryingAndSaysTheUserSignedInElsewhere(ServerKind kind) {
        XmppTestServer server = servers.get(kind);
        InMemoryKeyValueStore sameDevice = new InMemoryKeyValueStore();
        RecordingListener first = new RecordingListener();
        try (TestClients clients = new TestClients(server)) {
            clients.online(clients.options("alice", server.webSocketUri()).store(sameDevice).retryConfig(QUICK)
                    .build(), first);
            clients.online(clients.options("alice", server.webSocketUri()).store(sameDevice).retryConfig(QUICK)
                    .build(), new RecordingListener());
            await().atMost(Duration.ofSeconds(10)).until(() -> first.lastEvent().state() == ConnectionState.STOPPED);
            Failure why = first.lastEvent().failure();
            assertThat(why.condition()).isEqualTo("conflict");
            assertThat(why.message()).contains("signed in from another place");
            // Every retry is announced by a WAITING event with its delay before it starts: there was none, and
            // STOPPED is final (only "Retry now" leaves it; ReconnectorTest checks no timer is left on virtual time).
            assertThat(first.states()).as("no retry after conflict").doesNotContain(ConnectionState.WAITING)
                    .endsWith(ConnectionState.DISCONNECTED, ConnectionState.STOPPED);
            assertThat(first.count(ConnectionState.CONNECTING)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aServerStoppingIsAServerSideFailureTheFirstRetryIsSpreadAndTheClientComesBack(ServerKind kind) {
        XmppTestServer server = servers.get(kind);
        RecordingListener events = new RecordingListener();
        try (TestClients clients = new TestClients(server)) {
            clients.online(clients.options("alice", server.webSocketUri()).retryConfig(QUICK).build(), events);
            // SIGTERM. Prosody 0.12.3 closes WebSocket connections without a system-shutdown stream error: the
            // client sees the socket end (or a reset) and, as for any lost link, may first try one quick resume.
            // That resume meets a closed port: a server-side failure, so the next wait is spread.
            server.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> waits(events).stream()
                    .anyMatch(wait -> !wait.detail().contains("resuming first")));
            List<ConnectionEvent> waits = waits(events);
            ConnectionEvent firstNotResuming = waits.stream()
                    .filter(wait -> !wait.detail().contains("resuming first")).findFirst().orElseThrow();
            assertThat(waits.indexOf(firstNotResuming)).as("at most one quick resume before the spread: %s", waits)
                    .isLessThanOrEqualTo(1);
            assertThat(firstNotResuming.delayMillis()).isBetween(0L, QUICK.serverFailureSpreadMillis());
            assertThat(firstNotResuming.detail()).contains("spread");
            server.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.states().stream().filter(s -> s == ConnectionState.CONNECTED).count() == 2);
        }
    }

    @Test
    void systemShutdownStreamErrorIsWordedAndSpreadLikeAnyServerSideFailure() throws Exception {
        try (MockWebServer dying = scripted("<error xmlns='http://etherx.jabber.org/streams'>"
                + "<system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></error>");
                TestClients clients = new TestClients(servers.get(ServerKind.PROSODY))) {
            RecordingListener events = new RecordingListener();
            clients.start(clients.options("alice", wsUri(dying)).retryConfig(QUICK).build(), events);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.states().contains(ConnectionState.WAITING));
            ConnectionEvent lost = events.events.stream()
                    .filter(e -> e.state() == ConnectionState.DISCONNECTED).findFirst().orElseThrow();
            assertThat(lost.failure().condition()).isEqualTo("system-shutdown");
            assertThat(lost.failure().message()).isEqualTo("The server is shutting down or restarting.");
            assertFirstWaitSpread(events);
        }
    }

    private static List<ConnectionEvent> waits(RecordingListener events) {
        return events.events.stream().filter(e -> e.state() == ConnectionState.WAITING)
                .collect(Collectors.toList());
    }

    private static void assertFirstWaitSpread(RecordingListener events) {
        ConnectionEvent firstWait = events.events.stream()
                .filter(e -> e.state() == ConnectionState.WAITING).findFirst().orElseThrow();
        assertThat(firstWait.delayMillis()).isBetween(0L, QUICK.serverFailureSpreadMillis());
        assertThat(firstWait.detail()).contains("spread");
    }

    /** A WebSocket peer that agrees to XMPP, opens the stream and then sends the given frames. */
    private static MockWebServer scripted(String... frames) throws java.io.IOException {
        MockWebServer peer = new MockWebServer();
        peer.enqueue(new MockResponse.Builder()
                .addHeader("Sec-WebSocket-Protocol", "xmpp")
                .webSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket ws, Response response) {
                        ws.send("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='localhost' id='x'"
                                + " version='1.0'/>");
                        for (String frame : frames) {
                            ws.send(frame);
                        }
                    }

                    @Override
                    public void onClosing(WebSocket ws, int code, String reason) {
                        ws.close(1000, null);
                    }
                }).build());
        peer.start();
        return peer;
    }

    private static java.net.URI wsUri(MockWebServer peer) {
        return java.net.URI.create(peer.url("/xmpp-websocket").toString().replaceFirst("^http", "ws"));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void seeOtherHostIsFollowedToTheNewAddress(ServerKind kind) throws Exception {
        XmppTestServer server = servers.get(kind);
        String target = server.webSocketUri().toString();
        try (MockWebServer redirector = scripted("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'"
                + " see-other-uri='" + target + "'/>"); TestClients clients = new TestClients(server)) {
            RecordingListener events = new RecordingListener();
            JitterbugClient alice = clients.online(clients.options("alice", wsUri(redirector)).retryConfig(QUICK)
                    .build(), events);
            assertThat(alice.endpoint().uri().toString()).isEqualTo(target);
            assertThat(alice.endpoint().reason()).isEqualTo("redirected by the server");
            assertThat(events.events.stream().filter(e -> e.state() == ConnectionState.DISCONNECTED)
                    .map(e -> e.failure().condition()).collect(Collectors.toList())).containsExactly("see-other-host");
        }
    }

    @Test
    void http503WithRetryAfterIsHonoured() throws Exception {
        try (MockWebServer busy = new MockWebServer(); TestClients clients = new TestClients(servers.get(ServerKind.PROSODY))) {
            busy.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "3").body("busy").build());
            busy.start();
            RecordingListener events = new RecordingListener();
            clients.start(clients.options("alice", wsUri(busy)).retryConfig(QUICK).build(), events);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.states().contains(ConnectionState.WAITING));
            List<ConnectionEvent> waits = events.events.stream().filter(e -> e.state() == ConnectionState.WAITING)
                    .collect(Collectors.toList());
            ConnectionEvent lost = events.events.stream()
                    .filter(e -> e.state() == ConnectionState.DISCONNECTED).findFirst().orElseThrow();
            assertThat(lost.failure().httpStatus()).isEqualTo(503);
            assertThat(lost.failure().retryAfterMillis()).isEqualTo(3_000);
            assertThat(waits.get(0).delayMillis()).as("at least what the server asked, plus jitter")
                    .isBetween(3_000L, 4_000L);
        }
    }
}
