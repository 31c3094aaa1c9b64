package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.testing.InMemorySecretStore;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A re-login costs the client no key derivation: SCRAM keys proven by the server are kept (in memory, and in the
 * secret store when there is one) and used while the server's salt and iteration count stay the same.
 */
class KeptScramKeysTest {
    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest().account("alice", "alice-secret");

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
    void aReLoginAfterTheServerRestartedUsesTheKeptKeys() {
        ProsodyServer server = prosody.server();
        RecordingListener events = new RecordingListener();
        JitterbugClient alice = clients.online(clients.options("alice", server.webSocketUri()).build(), events);
        assertThat(alice.lastSessionCost().keysDerived()).as("the first login derives the keys").isTrue();

        server.kill();
        server.start();
        events.awaitNth(ConnectionState.CONNECTED, 2);

        assertThat(alice.lastSessionCost().resumed()).isFalse();
        assertThat(alice.lastSessionCost().keysDerived()).as("the re-login used the kept keys").isFalse();
    }

    @Test
    void keysInTheSecretStoreSpareANewClientTheDerivationUntilThePasswordChanges() {
        ProsodyServer server = prosody.server();
        InMemorySecretStore keychain = new InMemorySecretStore();
        RecordingListener first = new RecordingListener();
        JitterbugClient one = clients.online(clients.options("alice", server.webSocketUri()).secrets(keychain)
                .build(), first);
        assertThat(one.lastSessionCost().keysDerived()).isTrue();
        assertThat(keychain.names()).containsExactly("alice@localhost SCRAM-SHA-256 keys");
        one.close();

        RecordingListener second = new RecordingListener();
        JitterbugClient two = clients.online(clients.options("alice", server.webSocketUri()).secrets(keychain)
                .build(), second);
        assertThat(two.lastSessionCost().keysDerived()).as("a new client, the keys from the store").isFalse();
        two.close();

        server.account("alice", "a-new-secret"); // a new password: the server stores it with a new salt
        RecordingListener third = new RecordingListener();
        JitterbugClient three = clients.online(ClientOptions.builder(Jid.parse(server.jid("alice")),
                "a-new-secret".toCharArray()).endpoint(server.webSocketUri()).secrets(keychain)
                .retryConfig(dev.jitterbug.testing.QuickRetry.CONFIG).build(), third);
        assertThat(three.lastSessionCost().keysDerived()).as("the old keys do not fit the new salt").isTrue();
        assertThat(third.count(ConnectionState.DISCONNECTED)).isZero();
    }
}
