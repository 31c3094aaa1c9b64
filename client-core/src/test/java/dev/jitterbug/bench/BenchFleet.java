package dev.jitterbug.bench;

import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.SharedResources;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.XmppTestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * N real {@link JitterbugClient}s (accounts {@code user0..}) sharing one HTTP client, each watched for when it goes
 * down and comes back after an {@link #arm() armed} moment: the raw material of the storm and footprint benchmarks.
 */
final class BenchFleet implements AutoCloseable {
    private static final int IDLE = 0;
    private static final int DOWN = 1;
    private static final int BACK = 2;

    private final List<JitterbugClient> clients = new ArrayList<>();
    private final SharedResources shared;
    private final AtomicIntegerArray phase;
    private final AtomicLongArray backAtNanos;
    private final AtomicLongArray downAtNanos;
    /** After {@link #arm()}: (System.nanoTime, 1 for a resume or 0 for a login) of every session established. */
    private final java.util.Queue<long[]> sessions = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicIntegerArray received;
    private volatile String messageTag = "\u0000";
    private final AtomicInteger online = new AtomicInteger();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicInteger stopped = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReferenceArray<ConnectionEvent> lastEvents;

    private BenchFleet(SharedResources shared, int size) {
        this.shared = shared;
        this.phase = new AtomicIntegerArray(size);
        this.backAtNanos = new AtomicLongArray(size);
        this.downAtNanos = new AtomicLongArray(size);
        this.received = new AtomicIntegerArray(size);
        this.lastEvents = new java.util.concurrent.atomic.AtomicReferenceArray<>(size);
    }

    /** The clients that are not online, each with the last event it reported. */
    String notOnline() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < clients.size(); i++) {
            ConnectionEvent last = lastEvents.get(i);
            if (last == null || !last.state().isOnline()) {
                out.append(user(i)).append(": ").append(last).append('\n');
            }
        }
        return out.toString();
    }

    /** Accounts for a fleet of this size, written before the clients start. */
    static void createAccounts(ProsodyServer server, int size) {
        for (int i = 0; i < size; i++) {
            server.account(user(i), password(i));
        }
    }

    /**
     * Starts {@code size} clients against {@code endpoint}, at most {@code startsPerSecond} per second so that the
     * start itself is no storm, and waits until all are online (or {@code timeoutMillis} passed).
     */
    static BenchFleet start(ProsodyServer server, URI endpoint, int size, Supplier<RetryConfig> config,
            int startsPerSecond, long timeoutMillis) throws InterruptedException {
        return start(SharedResources.forSessions(size), server, endpoint, size, config, startsPerSecond, timeoutMillis);
    }

    /** As above, with the clients sharing {@code shared} (its event loop, or an event thread each). */
    static BenchFleet start(SharedResources shared, ProsodyServer server, URI endpoint, int size,
            Supplier<RetryConfig> config, int startsPerSecond, long timeoutMillis) throws InterruptedException {
        return start(shared, endpoint, size, config, startsPerSecond, timeoutMillis, UnaryOperator.identity());
    }

    /** As above, for any server of the test domain, with {@code extra} options for each client (e.g. trust). */
    static BenchFleet start(SharedResources shared, URI endpoint, int size, Supplier<RetryConfig> config,
            int startsPerSecond, long timeoutMillis, UnaryOperator<ClientOptions.Builder> extra)
            throws InterruptedException {
        BenchFleet fleet = new BenchFleet(shared, size);
        long begin = System.nanoTime();
        for (int i = 0; i < size; i++) {
            long due = begin + (long) i * 1_000_000_000L / Math.max(1, startsPerSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            fleet.add(endpoint, i, config, extra);
        }
        fleet.awaitOnline(timeoutMillis);
        return fleet;
    }

    private void add(URI endpoint, int index, Supplier<RetryConfig> config, UnaryOperator<ClientOptions.Builder> extra) {
        ClientOptions options = extra.apply(ClientOptions.builder(
                Jid.parse(user(index) + "@" + XmppTestServer.DOMAIN), password(index).toCharArray())
                .endpoint(endpoint).retryConfig(config).sharedResources(shared)).build();
        JitterbugClient client = JitterbugClient.create(options);
        client.addListener(new Watcher(index));
        clients.add(client);
        client.connect();
    }

    /** The client with this index (its account is {@link #user(int)}). */
    JitterbugClient client(int index) {
        return clients.get(index);
    }

    /** Whether client i went down since {@link #arm()}. */
    boolean wentDown(int index) {
        return phase.get(index) != IDLE;
    }

    int size() {
        return clients.size();
    }

    int online() {
        return online.get();
    }

    /** From now on, note for each client when it goes down and when it is back (its first session afterwards). */
    void arm() {
        for (int i = 0; i < phase.length(); i++) {
            phase.set(i, IDLE);
            backAtNanos.set(i, 0);
            downAtNanos.set(i, 0);
        }
        connected.set(0);
        resumed.set(0);
        attempts.set(0);
        sessions.clear();
    }

    /**
     * Every client i sends one message tagged {@code tag} to client i+1 (queued if it is offline), so a storm can
     * be checked for lost and duplicated messages with {@link #receivedCounts()}.
     */
    void sendRing(String tag) {
        messageTag = tag;
        for (int i = 0; i < received.length(); i++) {
            received.set(i, 0);
        }
        for (int i = 0; i < clients.size(); i++) {
            JitterbugClient to = clients.get((i + 1) % clients.size());
            clients.get(i).sendMessage(to.jid(), tag + " from " + i);
        }
    }

    /** Per client, how many ring messages of the current tag it received (each should get exactly one). */
    int[] receivedCounts() {
        int[] counts = new int[received.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = received.get(i);
        }
        return counts;
    }

    /** Waits until every client received its ring message, or the time is up; true if all did. */
    boolean awaitRing(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = 0; i < received.length() && all; i++) {
                all = received.get(i) > 0;
            }
            if (all) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Sessions established since {@link #arm()}: {System.nanoTime, 1 if resumed else 0}. */
    List<long[]> sessions() {
        return new ArrayList<>(sessions);
    }

    /** Clients that went down since {@link #arm()}. */
    int wentDown() {
        int count = 0;
        for (int i = 0; i < phase.length(); i++) {
            if (phase.get(i) != IDLE) {
                count++;
            }
        }
        return count;
    }

    /**
     * Clients whose outage (from noticing the failure to a session again) lasted at least {@code quietMillis}, so
     * their status chip showed it, or who are still out.
     */
    int shownOut(long quietMillis) {
        int count = 0;
        for (int i = 0; i < phase.length(); i++) {
            int p = phase.get(i);
            if (p == DOWN || (p == BACK && backAtNanos.get(i) - downAtNanos.get(i) >= quietMillis * 1_000_000L)) {
                count++;
            }
        }
        return count;
    }

    /** Waits until every client that went down since {@link #arm()} is back, or the time is up; true if all are. */
    boolean awaitAllBack(int expectedDown, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (backCount() >= expectedDown) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    boolean awaitOnline(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (online.get() >= clients.size()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    int backCount() {
        int count = 0;
        for (int i = 0; i < phase.length(); i++) {
            if (phase.get(i) == BACK) {
                count++;
            }
        }
        return count;
    }

    /** Back times (System.nanoTime) of the clients that are back since {@link #arm()}. */
    long[] backTimes() {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < phase.length(); i++) {
            if (phase.get(i) == BACK) {
                times.add(backAtNanos.get(i));
            }
        }
        long[] result = new long[times.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = times.get(i);
        }
        return result;
    }

    /** New logins (CONNECTED events) since {@link #arm()}. */
    int connectedEvents() {
        return connected.get();
    }

    /** Resumptions (RESUMED events) since {@link #arm()}. */
    int resumedEvents() {
        return resumed.get();
    }

    /** Clients whose reconnector gave up (STOPPED): should stay 0. */
    int stopped() {
        return stopped.get();
    }

    @Override
    public void close() {
        clients.forEach(JitterbugClient::close);
        shared.close();
    }

    /** How many times each client tried to connect since {@link #arm()} (CONNECTING events). */
    int attemptsSinceArm() {
        return attempts.get();
    }

    static String user(int index) {
        return "user" + index;
    }

    static String password(int index) {
        return "pw-" + index;
    }

    /** Per client, on its event thread. */
    private final class Watcher implements ClientListener {
        private final int index;
        private boolean isOnline;

        Watcher(int index) {
            this.index = index;
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            lastEvents.set(index, event);
            ConnectionState state = event.state();
            boolean nowOnline = state == ConnectionState.CONNECTED || state == ConnectionState.RESUMED;
            if (nowOnline != isOnline) {
                isOnline = nowOnline;
                online.addAndGet(nowOnline ? 1 : -1);
            }
            if (state == ConnectionState.STOPPED) {
                stopped.incrementAndGet();
            }
            if (state == ConnectionState.CONNECTING) {
                attempts.incrementAndGet();
            }
            if (nowOnline) {
                (state == ConnectionState.RESUMED ? resumed : connected).incrementAndGet();
                long now = System.nanoTime();
                sessions.add(new long[] {now, state == ConnectionState.RESUMED ? 1 : 0});
                if (phase.compareAndSet(index, DOWN, BACK)) {
                    backAtNanos.set(index, now);
                }
            } else if (state == ConnectionState.DISCONNECTED) {
                if (phase.compareAndSet(index, IDLE, DOWN)) {
                    downAtNanos.set(index, System.nanoTime());
                }
            }
        }

        @Override
        public void onMessage(dev.jitterbug.ChatMessage message) {
            if (!message.outgoing() && message.body() != null && message.body().startsWith(messageTag)) {
                received.incrementAndGet(index);
            }
        }
    }
}
