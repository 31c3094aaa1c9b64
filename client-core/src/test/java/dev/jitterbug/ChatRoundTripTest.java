package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import dev.jitterbug.transport.TransportKind;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Login, send and receive between two accounts, over each transport, with classic SASL and with SASL2 + Bind2. */
class ChatRoundTripTest {
    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private TestClients clients;

    @BeforeEach
    void setUp() {
        clients = new TestClients(prosody.server());
    }

    @AfterEach
    void tearDown() {
        if (Boolean.getBoolean("prosody.debug")) {
            System.out.println(prosody.server().logTail());
        }
        clients.close();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"WEBSOCKET, classic", "WEBSOCKET, sasl2", "BOSH, classic", "BOSH, sasl2"})
    void twoAccountsChat(TransportKind transport, String auth) {
        ProsodyServer server = prosody.server();
        URI endpoint = transport == TransportKind.WEBSOCKET ? server.webSocketUri() : server.boshUri();
        RetryConfig config = RetryConfig.defaults().toBuilder().preferSasl2(auth.equals("sasl2")).build();
        RecordingListener aliceEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        JitterbugClient alice = clients.online(clients.options("alice", endpoint).retryConfig(config).build(),
                aliceEvents);
        JitterbugClient bob = clients.online(clients.options("bob", endpoint).retryConfig(config).build(), bobEvents);

        assertThat(alice.endpoint().kind()).isEqualTo(transport);
        assertThat(alice.lastSession().mechanism()).isEqualTo("SCRAM-SHA-256");
        // Prosody 0.12.3's mod_sasl2 crashes on BOSH sessions (session.base_type is nil) and never answers: the
        // client notices and logs in the classic way on a fresh connection within the same attempt.
        boolean sasl2Works = auth.equals("sasl2") && transport == TransportKind.WEBSOCKET;
        assertThat(alice.lastSession().sasl2()).isEqualTo(sasl2Works);
        System.out.printf("round trips: %s %s login = %d%n", transport, auth, alice.lastSession().roundTrips());

        bob.sendMessage(Jid.parse(server.jid("alice")), "hello alice");
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceEvents.bodies().contains("hello alice"));
        ChatMessage received = aliceEvents.messages.get(0);
        assertThat(received.from().bare()).isEqualTo(Jid.parse(server.jid("bob")));
        assertThat(received.outgoing()).isFalse();

        alice.sendMessage(Jid.parse(server.jid("bob")), "hi bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> bobEvents.bodies().contains("hi bob"));
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceEvents.deliveries.stream()
                .anyMatch(d -> d.state() == DeliveryState.ACKED && d.message().body().equals("hi bob")));
        assertThat(aliceEvents.bodies()).containsExactly("hello alice");
    }
}
