package dev.jitterbug.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.NetworkChange;
import dev.jitterbug.platform.VirtualScheduler;
import dev.jitterbug.reconnect.Reconnector;
import dev.jitterbug.reconnect.SessionConnector;
import dev.jitterbug.reconnect.SplitMixRandomSource;
import dev.jitterbug.testing.ScriptedNetworkMonitor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a client does with each report of its network monitor, on virtual time. */
class NetworkWatchTest {
    private final VirtualScheduler scheduler = new VirtualScheduler(0);
    private final ScriptedNetworkMonitor network = new ScriptedNetworkMonitor();
    private final List<ConnectionEvent> events = new ArrayList<>();
    private final List<String> probes = new ArrayList<>();
    private int attempts;
    private SessionConnector.Callback running;
    private final Reconnector reconnector = new Reconnector(scheduler, () -> RetryConfig.defaults().reconnectPolicy(),
            new SessionConnector() {
                @Override
                public void connect(String redirect, Callback callback) {
                    attempts++;
                    running = callback;
                }

                @Override
                public void abort() {
                    running = null;
                }
            }, new SplitMixRandomSource(1), events::add);

    @Test
    void aChangeOrAWakeProbesTheLinkAndABackNetworkToo() {
        NetworkWatch watch = online(false);
        network.report(NetworkChange.Kind.CHANGED, "new address");
        network.report(NetworkChange.Kind.WOKE, "woke");
        network.report(NetworkChange.Kind.BACK, "back");
        assertThat(probes).containsExactly("new address", "woke", "back");
        watch.stop();
        network.report(NetworkChange.Kind.CHANGED, "after sign-out");
        assertThat(probes).as("nothing after stop").hasSize(3);
        assertThat(network.listeners()).isZero();
    }

    @Test
    void noNetworkParksTheNextWaitUntilItIsBack() {
        online(false);
        network.report(NetworkChange.Kind.LOST, "no network");
        reconnector.sessionLost(Failure.of(Failure.Kind.NETWORK_CHANGED, "gone"), false);
        scheduler.advanceBy(600_000);
        assertThat(attempts).as("only the first login").isEqualTo(1);
        assertThat(events.get(events.size() - 1).waitsForNetwork()).isTrue();

        network.report(NetworkChange.Kind.BACK, "back");
        scheduler.advanceBy(1_000);
        assertThat(attempts).as("within the blip window once it is back").isEqualTo(2);
    }

    @Test
    void aServerOnThisMachineNeedsNoNetwork() {
        online(true);
        network.report(NetworkChange.Kind.LOST, "no network");
        reconnector.sessionLost(Failure.of(Failure.Kind.CONNECTION_LOST, "reset"), false);
        scheduler.advanceBy(RetryConfig.defaults().serverFailureSpreadMillis());
        assertThat(attempts).as("reconnects to loopback as usual (within the spread)").isEqualTo(2);
        assertThat(events).noneMatch(ConnectionEvent::waitsForNetwork);
    }

    @Test
    void startingWithoutANetworkIsNoticedAtOnce() {
        network.report(NetworkChange.Kind.LOST, "no network");
        online(false);
        reconnector.sessionLost(Failure.of(Failure.Kind.CONNECTION_LOST, "reset"), false);
        scheduler.advanceBy(600_000);
        assertThat(attempts).isEqualTo(1);
    }

    @Test
    void aNetworkThatCameBackWhileSignedOutDoesNotParkTheNextSignIn() {
        NetworkWatch watch = online(false);
        network.report(NetworkChange.Kind.LOST, "no network");
        watch.stop();
        reconnector.stop();
        network.report(NetworkChange.Kind.BACK, "back, but nobody listens");
        scheduler.advanceBy(0);

        watch.start();
        reconnector.start();
        scheduler.advanceBy(0);
        running.established(false);
        scheduler.advanceBy(0);
        reconnector.sessionLost(Failure.of(Failure.Kind.CONNECTION_LOST, "reset"), false);
        scheduler.advanceBy(RetryConfig.defaults().serverFailureSpreadMillis());
        assertThat(attempts).as("the reconnect after the new sign-in is not parked").isEqualTo(3);
        assertThat(events).noneMatch(ConnectionEvent::waitsForNetwork);
    }

    private NetworkWatch online(boolean serverOnThisMachine) {
        NetworkWatch watch = new NetworkWatch(network, reconnector, probes::add, "alice", serverOnThisMachine);
        watch.start();
        watch.start(); // a second connect() must not listen twice
        assertThat(network.listeners()).isEqualTo(1);
        reconnector.start();
        scheduler.advanceBy(0);
        running.established(false);
        scheduler.advanceBy(Reconnector.STABLE_SESSION_MILLIS);
        assertThat(reconnector.state()).isEqualTo(ConnectionState.CONNECTED);
        return watch;
    }
}
