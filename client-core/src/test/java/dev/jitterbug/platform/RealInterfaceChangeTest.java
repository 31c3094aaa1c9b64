package dev.jitterbug.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The desktop monitor against a real interface change: a veth pair whose far end lives in a network namespace this
 * test creates (no traffic goes anywhere else) gets an address on the near end and loses it again. Needs {@code ip}
 * and the right to add interfaces (root, CAP_NET_ADMIN); skipped elsewhere, where the README's manual recipe applies.
 * Detection times are printed, not asserted (the machine may be loaded).
 */
class RealInterfaceChangeTest {
    @Test
    void anAddressAppearingAndGoingIsReported() throws Exception {
        long id = ProcessHandle.current().pid() % 10_000;
        String name = "jbtest" + id;
        String namespace = "jbtestns" + id;
        assumeTrue(ip("netns", "add", namespace) == 0, "a network namespace needs the ip command and CAP_SYS_ADMIN");
        PollingNetworkMonitor monitor = new PollingNetworkMonitor();
        List<NetworkChange> heard = new CopyOnWriteArrayList<>();
        NetworkMonitor.Listener listener = heard::add;
        try {
            assumeTrue(ip("link", "add", name, "type", "veth", "peer", "name", "jbpeer" + id, "netns", namespace) == 0,
                    "adding a veth pair needs CAP_NET_ADMIN and veth support");
            monitor.addListener(listener);
            long addedAt = System.nanoTime();
            assertThat(ip("addr", "add", "10.254.254.1/32", "dev", name)).isZero();
            assertThat(ip("link", "set", name, "up")).isZero();
            // The far end up too: without a carrier the JDK does not count the interface as up (IFF_RUNNING).
            assertThat(ip("-n", namespace, "link", "set", "jbpeer" + id, "up")).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.stream()
                    .anyMatch(change -> change.description().contains("new address " + name)));
            System.out.printf("address added: reported after %d ms (%s)%n", millisSince(addedAt), heard);

            int before = heard.size();
            long removedAt = System.nanoTime();
            assertThat(ip("link", "del", name)).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.stream().skip(before)
                    .anyMatch(change -> change.description().contains("address gone " + name)));
            System.out.printf("interface removed: reported after %d ms (%s)%n", millisSince(removedAt),
                    heard.subList(before, heard.size()));
            assertThat(heard).noneMatch(change -> change.kind() == NetworkChange.Kind.WOKE);
        } finally {
            monitor.removeListener(listener);
            ip("link", "del", name);
            ip("netns", "del", namespace);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static int ip(String... args) throws InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1; // no ip command
        }
    }
}
