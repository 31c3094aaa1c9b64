package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.platform.KeyValueStore;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PipelinedLoginTest {
    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass().account("alice", "alice-secret");

    @Test
    void secondLoginSendsAuthenticationWithTheOpenAndSavesARoundTrip() {
        KeyValueStore store = new InMemoryKeyValueStore();
        try (TestClients clients = new TestClients(prosody.server())) {
            JitterbugClient first = clients.online(clients.options("alice", prosody.server().webSocketUri())
                    .store(store).build(), new RecordingListener());
            int firstTrips = first.lastSessionCost().roundTrips();
            first.close();

            JitterbugClient second = clients.online(clients.options("alice", prosody.server().webSocketUri())
                    .store(store).build(), new RecordingListener());
            assertThat(second.lastSessionCost().sasl2()).isTrue();
            assertThat(second.lastSessionCost().roundTrips()).isEqualTo(firstTrips - 1);
        }
    }
}
