package dev.jitterbug.fx.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Jid;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.config.RetryConfigStatus;
import dev.jitterbug.fx.testing.RetryConfigStatuses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bridge without a UI: a queue stands in for the FX thread. */
class FxBridgeTest {
    private final List<Runnable> fxThread = new ArrayList<>();
    private final FxBridge bridge = new FxBridge(fxThread::add);
    private final List<String> heard = new ArrayList<>();

    @Test
    void panelsHearCoreEventsOnlyOnTheFxThreadAndInOrder() {
        bridge.subscribe(new ClientListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                heard.add(event.state().name());
            }

            @Override
            public void onMessage(ChatMessage message) {
                heard.add("message " + message.body());
            }
        });

        bridge.onConnectionEvent(ConnectionEvent.connecting(0, 1, null));
        bridge.onMessage(message("hi"));
        bridge.onConnectionEvent(ConnectionEvent.online(ConnectionState.CONNECTED, 10));
        assertThat(heard).as("nothing on the core's thread").isEmpty();

        fxThread.forEach(Runnable::run);
        assertThat(heard).containsExactly("CONNECTING", "message hi", "CONNECTED");
    }

    @Test
    void aPanelHearsOnlyWhatItSubscribedTo() {
        List<String> chat = new ArrayList<>();
        List<String> config = new ArrayList<>();
        bridge.subscribe(new ClientListener() {
            @Override
            public void onMessage(ChatMessage message) {
                chat.add(message.body());
            }
        });
        bridge.subscribeConfig(new RetryConfigListener() {
            @Override
            public void retryConfigChanged(RetryConfigStatus status) {
                config.add("changed " + status.source());
            }

            @Override
            public void retryConfigStatusChanged(RetryConfigStatus status) {
                config.add("status " + status.source());
            }
        });

        bridge.onConnectionEvent(ConnectionEvent.connecting(0, 1, null));
        bridge.onMessage(message("hello"));
        bridge.retryConfigStatusChanged(RetryConfigStatuses.builtIn());
        bridge.retryConfigChanged(RetryConfigStatuses.builtIn());
        fxThread.forEach(Runnable::run);

        assertThat(chat).containsExactly("hello");
        assertThat(config).containsExactly("status BUILTIN", "changed BUILTIN");
    }

    private static ChatMessage message(String body) {
        return new ChatMessage("id-" + body, "origin-" + body, null, Jid.parse("bob@example.org/phone"),
                Jid.parse("alice@example.org"), body, ChatMessage.Kind.CHAT, 0, false, false);
    }
}
