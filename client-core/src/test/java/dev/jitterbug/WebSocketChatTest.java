package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebSocketChatTest {
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
        clients.close();
    }

    @Test
    void twoAccountsChatOverWebSocketWithClassicScram() {
        RetryConfig classic = RetryConfig.defaults().toBuilder().preferSasl2(false).build();
        exchangeMessages(classic);
    }

    @Test
    void twoAccountsChatOverWebSocketWithSasl2AndBind2() {
        exchangeMessages(RetryConfig.defaults());
    }

    private void exchangeMessages(RetryConfig config) {
        ProsodyServer server = prosody.server();
        RecordingListener aliceEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        JitterbugClient alice = clients.online(
                clients.options("alice", server.webSocketUri()).retryConfig(config).build(), aliceEvents);
        JitterbugClient bob = clients.online(
                clients.options("bob", server.webSocketUri()).retryConfig(config).build(), bobEvents);

        assertThat(alice.lastSession().mechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(alice.lastSession().sasl2()).isEqualTo(config.preferSasl2());

        bob.sendMessage(Jid.parse(server.jid("alice")), "hello alice");
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceEvents.bodies().contains("hello alice"));
        ChatMessage received = aliceEvents.messages.get(0);
        assertThat(received.from().bare()).isEqualTo(Jid.parse(server.jid("bob")));
        assertThat(received.outgoing()).isFalse();

        alice.sendMessage(Jid.parse(server.jid("bob")), "hi bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> bobEvents.bodies().contains("hi bob"));
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceEvents.deliveries.stream()
                .anyMatch(d -> d.state() == DeliveryState.ACKED && d.message().body().equals("hi bob")));
    }
}
