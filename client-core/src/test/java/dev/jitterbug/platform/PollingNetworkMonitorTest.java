package dev.jitterbug.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The desktop monitor's judgement, one look at a time, on snapshots and clocks the test sets. */
class PollingNetworkMonitorTest {
    private final AtomicReference<NetworkSnapshot> network = new AtomicReference<>(snapshot(true, "eth0 192.0.2.10/24"));
    private final SettableClocks clocks = new SettableClocks();
    private final PollingNetworkMonitor monitor = new PollingNetworkMonitor(network::get, clocks);
    private final List<NetworkChange> heard = new ArrayList<>();

    PollingNetworkMonitorTest() {
        monitor.addListener(heard::add);
    }

    @Test
    void nothingChangedIsNothingReported() {
        look();
        look();
        assertThat(heard).isEmpty();
        assertThat(monitor.networkUsable()).isTrue();
    }

    @Test
    void aNewAddressIsAChangeInWords() {
        network.set(snapshot(true, "eth0 192.0.2.10/24", "wlan0 198.51.100.7/24"));
        look();
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).kind()).isEqualTo(NetworkChange.Kind.CHANGED);
        assertThat(heard.get(0).description()).isEqualTo("the network changed (new address wlan0 198.51.100.7/24)");
        look();
        assertThat(heard).as("reported once").hasSize(1);
    }

    @Test
    void aDefaultRouteMovingToAnotherGatewayIsAChange() {
        network.set(new NetworkSnapshot(set("eth0 192.0.2.10/24"), set("eth0 0102000A"), true));
        look();
        assertThat(heard).extracting(NetworkChange::kind).containsExactly(NetworkChange.Kind.CHANGED);
        assertThat(heard.get(0).description()).contains("default route none -> eth0 0102000A");
    }

    @Test
    void losingTheLastUsableAddressIsNoNetworkAndGettingOneBackIsBack() {
        network.set(snapshot(false, "eth0 fe80::1%eth0/64"));
        look();
        assertThat(monitor.networkUsable()).isFalse();
        network.set(snapshot(true, "eth0 fe80::1%eth0/64", "eth0 192.0.2.11/24"));
        look();
        assertThat(monitor.networkUsable()).isTrue();
        assertThat(heard).extracting(NetworkChange::kind)
                .containsExactly(NetworkChange.Kind.LOST, NetworkChange.Kind.BACK);
    }

    @Test
    void aWallClockJumpBeyondTheMonotonicClockIsAWakeFromSleep() {
        clocks.advanceBy(PollingNetworkMonitor.PERIOD_MILLIS);
        clocks.wall += 90_000; // 90 s asleep: the monotonic clock stood still
        look();
        assertThat(heard).extracting(NetworkChange::kind).containsExactly(NetworkChange.Kind.WOKE);
        assertThat(heard.get(0).description()).isEqualTo("the machine woke up after about 90 s asleep");
    }

    @Test
    void aSlowLookOrASmallClockCorrectionIsNoSleep() {
        clocks.advanceBy(1_500);
        clocks.wall += PollingNetworkMonitor.WAKE_GAP_MILLIS;
        look();
        assertThat(heard).isEmpty();
    }

    @Test
    void aFailedReadIsNoChange() {
        network.set(null);
        look();
        assertThat(heard).isEmpty();
        assertThat(monitor.networkUsable()).isTrue();
    }

    @Test
    void theSystemsNetworkCanBeRead() {
        NetworkSnapshot system = NetworkSnapshot.ofSystem();
        assertThat(system).as("this machine's interfaces").isNotNull();
        assertThat(system.addresses()).as("loopback is left out").noneMatch(a -> a.contains(" 127.0.0.1/"));
    }

    /** Both clocks move together, except where a test moves the wall clock alone (a sleep, a correction). */
    private static final class SettableClocks implements Clock {
        long wall = 1_780_000_000_000L;
        long monotonic = 5_000;

        void advanceBy(long millis) {
            wall += millis;
            monotonic += millis;
        }

        @Override
        public long currentTimeMillis() {
            return wall;
        }

        @Override
        public long monotonicMillis() {
            return monotonic;
        }
    }

    private void look() {
        monitor.tick();
    }

    private static NetworkSnapshot snapshot(boolean usable, String... addresses) {
        return new NetworkSnapshot(set(addresses), Collections.emptySet(), usable);
    }

    private static HashSet<String> set(String... values) {
        return new HashSet<>(Arrays.asList(values));
    }
}
