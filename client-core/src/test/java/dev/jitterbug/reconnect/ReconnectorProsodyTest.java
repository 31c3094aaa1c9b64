package dev.jitterbug.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.reconnect.BackoffAlgorithm;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.session.LiveSessionConnector;
import dev.jitterbug.session.LoginRequest;
import dev.jitterbug.session.SessionNegotiator;
import dev.jitterbug.session.StreamManagement;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.transport.websocket.WebSocketTransport;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reconnector with the real session connector, against a real Prosody that dies and comes back. */
class ReconnectorProsodyTest {
    @RegisterExtension
    static final ProsodyExtension PROSODY = ProsodyExtension.perTest().account("alice", "alice-pw");

    private static final RetryConfig FAST = RetryConfig.defaults().toBuilder()
            .algorithm(BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH).baseMillis(500).capMillis(1_000).multiplier(2.0)
            .serverFailureSpreadMillis(300).blipRetryWindowMillis(100).connectTimeoutMillis(5_000).build();

    private final OkHttpClient http = new OkHttpClient();
    private final ExecutorService loginWorker = Executors.newSingleThreadExecutor();
    private final ExecutorScheduler scheduler = new ExecutorScheduler("reconnector-test");
    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final List<Transport> sessions = new CopyOnWriteArrayList<>();
    private Reconnector reconnector;

    @AfterEach
    void tearDown() {
        if (reconnector != null) {
            reconnector.stop();
        }
        sessions.forEach(Transport::abort);
        scheduler.close();
        loginWorker.shutdownNow();
        http.dispatcher().executorService().shutdownNow();
        http.connectionPool().evictAll();
    }

    @Test
    void reconnectsWithBackoffWhenTheServerDiesAndComesBack() throws Exception {
        ProsodyServer server = PROSODY.server();
        reconnector = reconnectorFor(server, "alice-pw");
        reconnector.start();
        awaitState(ConnectionState.CONNECTED);

        server.kill();
        Awaitility.await("failed attempts against the dead server").atMost(Duration.ofSeconds(20))
                .until(() -> failedAttempts() >= 2);
        server.restart();
        awaitState(ConnectionState.CONNECTED);

        List<ConnectionEvent> disconnects = events.stream().filter(e -> e.state() == ConnectionState.DISCONNECTED)
                .collect(Collectors.toList());
        assertThat(disconnects.get(0).attempt()).as("the session loss starts a burst").isZero();
        assertThat(disconnects.get(1).failure().kind()).isIn(Failure.Kind.CONNECTION_REFUSED,
                Failure.Kind.CONNECTION_LOST, Failure.Kind.TIMEOUT);
        List<ConnectionEvent> waits = events.stream().filter(e -> e.state() == ConnectionState.WAITING)
                .collect(Collectors.toList());
        // The 300 ms spread is narrower than the planner lets any wait be: drawn over [0, 1 s] instead.
        assertThat(waits.get(0).detail()).contains("first retry spread");
        assertThat(waits.get(0).delayToMillis()).isEqualTo(RetryPlanner.MIN_SPAN_MILLIS);
        assertThat(waits).allSatisfy(w -> {
            assertThat(w.delayMillis()).isBetween(w.delayFromMillis(), w.delayToMillis());
            assertThat(w.delayToMillis() - w.delayFromMillis()).isGreaterThanOrEqualTo(RetryPlanner.MIN_SPAN_MILLIS);
        });
        ConnectionEvent last = waits.get(waits.size() - 1);
        assertThat(last.detail()).as("later retries back off from the policy").endsWith("backoff");
        assertThat(last.delayMillis()).isGreaterThanOrEqualTo(500L);
        assertThat(reconnector.attempt()).as("reset once the session is back").isZero();
    }

    @Test
    void aWrongPasswordStopsAndSaysWhy() {
        reconnector = reconnectorFor(PROSODY.server(), "not-the-password");

        reconnector.start();
        awaitState(ConnectionState.STOPPED);

        ConnectionEvent stopped = events.get(events.size() - 1);
        assertThat(stopped.failure().kind()).isEqualTo(Failure.Kind.NOT_AUTHORIZED);
        assertThat(stopped.detail()).isNotEmpty();
        assertThat(events.stream().filter(e -> e.state() == ConnectionState.CONNECTING)).hasSize(1);
    }

    private Reconnector reconnectorFor(ProsodyServer server, String password) {
        StreamManagement sm = new StreamManagement();
        Reconnector[] self = new Reconnector[1];
        LiveSessionConnector connector = new LiveSessionConnector(loginWorker, new LiveSessionConnector.AttemptFactory() {
            @Override
            public Transport transport(String redirect) {
                return new WebSocketTransport(http, server.webSocketUri().toString(), XmlLimits.DEFAULT, 30_000);
            }

            @Override
            public LoginRequest request() {
                return LoginRequest.builder(server.domain(), "alice", password.toCharArray()).plainAllowed(true)
                        .resumptionEnabled(false).timeoutMillis(5_000).build();
            }

            @Override
            public StreamManagement streamManagement() {
                return sm;
            }

            @Override
            public void sasl2Unusable(Transport transport) {
            }

            @Override
            public void negotiated(SessionNegotiator.Result result, SessionConnector.Callback callback) {
                sessions.add(result.established().transport());
                // The session's end is what the real client reports as sessionLost.
                result.handOff(new TransportListener() {
                    @Override
                    public void onStreamOpened(Element header) {
                    }

                    @Override
                    public void onElement(Element element) {
                    }

                    @Override
                    public void onAnswersMaybeLost() {
                    }

                    @Override
                    public void onClosed(Failure failure) {
                        self[0].sessionLost(failure);
                    }
                });
                callback.established(result.established().resumed());
            }
        });
        self[0] = new Reconnector(scheduler, FAST::reconnectPolicy, connector, SplitMixRandomSource.fromEntropy(), events::add);
        return self[0];
    }

    private long failedAttempts() {
        return events.stream().filter(e -> e.state() == ConnectionState.DISCONNECTED && e.attempt() > 0).count();
    }

    private void awaitState(ConnectionState expected) {
        Awaitility.await(expected + "; events so far: " + events).atMost(Duration.ofSeconds(20))
                .until(() -> reconnector.state() == expected);
    }
}
