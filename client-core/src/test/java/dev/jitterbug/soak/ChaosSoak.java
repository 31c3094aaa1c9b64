package dev.jitterbug.soak;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.config.HttpRetryConfigFetcher;
import dev.jitterbug.config.RetryConfigService;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/**
 * The chaos soak: three clients (alice and carol over WebSocket, bob over BOSH) in a room and in one-to-one chats
 * exchange messages while a fault schedule runs — connections cut, packets silently dropped (blackhole), latency
 * spikes, the server killed and restarted, the config server failing. Each client reaches Prosody through its own
 * {@link LoopbackProxy}. Afterwards every message must be accounted for exactly once, in order per sender and
 * conversation, with every client back online and its outbox empty.
 */
public final class ChaosSoak {
    /** How big and how long; {@link #quick()} for the normal build, {@link #fromSystemProperties()} for the profile. */
    public static final class Plan {
        final int messages;
        final long durationMillis;
        final long blackholeMinMillis;
        final long blackholeMaxMillis;
        final long seed;

        public Plan(int messages, long durationMillis, long blackholeMinMillis, long blackholeMaxMillis, long seed) {
            this.messages = messages;
            this.durationMillis = durationMillis;
            this.blackholeMinMillis = blackholeMinMillis;
            this.blackholeMaxMillis = blackholeMaxMillis;
            this.seed = seed;
        }

        public static Plan quick() {
            return new Plan(450, 45_000, 5_000, 8_000, 7);
        }

        /** {@code -Dsoak.minutes=10 -Dsoak.messages=10000 -Dsoak.seed=1}; blackholes of 5–30 s. */
        public static Plan fromSystemProperties() {
            long minutes = Long.getLong("soak.minutes", 10);
            return new Plan(Integer.getInteger("soak.messages", 10_000), TimeUnit.MINUTES.toMillis(minutes), 5_000,
                    30_000, Long.getLong("soak.seed", 1));
        }
    }

    private static final String CONFIG = "{ \"format\": 1, \"version\": \"soak\","
            + " \"backoff\": { \"algorithm\": \"decorrelated-jitter-smooth\", \"baseMillis\": 500, \"capMillis\": 10000 },"
            + " \"firstAttempt\": { \"serverFailureSpreadMillis\": 1000, \"blipRetryWindowMillis\": 500 },"
            + " \"liveness\": { \"pingIntervalMillis\": 5000, \"deadLinkTimeoutMillis\": 2000,"
            + " \"connectTimeoutMillis\": 8000 } }";
    private static final String[] USERS = {"alice", "bob", "carol"};

    private final Plan plan;
    private final List<String> faultLog = new CopyOnWriteArrayList<>();

    public ChaosSoak(Plan plan) {
        this.plan = plan;
    }

    public SoakReport run() throws Exception {
        Random random = new Random(plan.seed);
        AtomicBoolean configFailing = new AtomicBoolean();
        try (ProsodyServer server = ProsodyServer.create();
                MockWebServer configServer = new MockWebServer()) {
            for (String user : USERS) {
                server.account(user, user + "-soak");
            }
            server.start();
            configServer.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return configFailing.get() ? new MockResponse.Builder().code(500).body("down").build()
                            : new MockResponse.Builder().addHeader("Content-Type", "application/json")
                                    .addHeader("Cache-Control", "max-age=5").body(CONFIG).build();
                }
            });
            configServer.start();
            Jid room = Jid.parse("soak@" + server.mucDomain());

            Map<String, LoopbackProxy> proxies = new LinkedHashMap<>();
            Map<String, JitterbugClient> clients = new LinkedHashMap<>();
            Map<String, Receiver> receivers = new LinkedHashMap<>();
            List<AutoCloseable> closeLater = new ArrayList<>();
            OkHttpClient http = new OkHttpClient();
            try {
                for (String user : USERS) {
                    LoopbackProxy proxy = new LoopbackProxy(server.httpPort());
                    proxies.put(user, proxy);
                    closeLater.add(proxy);
                    URI endpoint = proxy.via(user.equals("bob") ? server.boshUri() : server.webSocketUri());
                    ExecutorScheduler configScheduler = new ExecutorScheduler("soak-config-" + user);
                    closeLater.add(configScheduler);
                    RetryConfigService service = new RetryConfigService(HttpRetryConfigFetcher
                            .allowingPlainHttpOnLoopbackForTestsOnly(http, configServer.url("/retry.json").toString()),
                            new InMemoryKeyValueStore(), configScheduler);
                    closeLater.add(service);
                    service.start();
                    JitterbugClient client = JitterbugClient.create(ClientOptions
                            .builder(Jid.parse(server.jid(user)), (user + "-soak").toCharArray())
                            .endpoint(endpoint).retryConfig(service).build());
                    Receiver receiver = new Receiver(user);
                    client.addListener(receiver);
                    client.joinRoom(room, user);
                    client.connect();
                    clients.put(user, client);
                    receivers.put(user, receiver);
                }
                awaitAll(clients, receivers, 30_000);
                Thread.sleep(1_000); // room joins settle
                long heapAtStart = usedHeapAfterGc();

                Map<String, Map<String, List<Long>>> expected = new LinkedHashMap<>();
                Thread faults = new Thread(() -> runFaults(server, proxies, configFailing, new Random(plan.seed + 1)),
                        "soak-faults");
                faults.start();
                long start = System.nanoTime();
                long interval = plan.durationMillis / plan.messages;
                for (int i = 0; i < plan.messages; i++) {
                    String from = USERS[i % USERS.length];
                    int pick = random.nextInt(3);
                    String conversation;
                    if (pick == 0) {
                        conversation = room.toString();
                        clients.get(from).sendRoomMessage(room, from + "|" + i + "|" + conversation);
                        for (String other : USERS) {
                            if (!other.equals(from)) {
                                expect(expected, other, from + "@" + conversation, i);
                            }
                        }
                    } else {
                        String to = USERS[(i + pick) % USERS.length];
                        conversation = "direct";
                        clients.get(from).sendMessage(Jid.parse(server.jid(to)), from + "|" + i + "|" + conversation);
                        expect(expected, to, from + "@" + conversation, i);
                    }
                    long due = start + TimeUnit.MILLISECONDS.toNanos(interval * (i + 1));
                    long sleep = TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime());
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    }
                }
                faults.join();
                long lastFaultEnded = System.nanoTime();
                long recoveredMillis = awaitAll(clients, receivers, 120_000);
                long settledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastFaultEnded);
                long deadline = System.currentTimeMillis() + 120_000;
                while (System.currentTimeMillis() < deadline && !allArrived(expected, receivers)) {
                    Thread.sleep(250);
                }
                Thread.sleep(2_000); // a late duplicate would show up now
                long heapAtEnd = usedHeapAfterGc();
                return SoakReport.of(plan, expected, receivers, recoveredMillis, settledMillis, heapAtStart,
                        heapAtEnd, faultLog);
            } finally {
                for (JitterbugClient client : clients.values()) {
                    client.close();
                }
                for (AutoCloseable closeable : closeLater) {
                    closeable.close();
                }
                http.dispatcher().executorService().shutdown();
            }
        }
    }

    /** The fault schedule: one fault every few seconds, of each kind in turn, spread over the run. */
    private void runFaults(ProsodyServer server, Map<String, LoopbackProxy> proxies, AtomicBoolean configFailing,
            Random random) {
        long end = System.currentTimeMillis() + plan.durationMillis - 5_000;
        int kind = 0;
        try {
            Thread.sleep(3_000);
            while (System.currentTimeMillis() < end) {
                String victim = USERS[random.nextInt(USERS.length)];
                switch (kind++ % 5) {
                    case 0 -> {
                        log("cut every connection");
                        proxies.values().forEach(LoopbackProxy::cutAll);
                    }
                    case 1 -> {
                        long millis = plan.blackholeMinMillis
                                + (long) (random.nextDouble() * (plan.blackholeMaxMillis - plan.blackholeMinMillis));
                        log("blackhole " + victim + " for " + millis + " ms");
                        proxies.get(victim).blackhole(true);
                        Thread.sleep(millis);
                        proxies.get(victim).blackhole(false);
                    }
                    case 2 -> {
                        log("latency spike +300 ms each way for " + victim + ", 4 s");
                        proxies.get(victim).delayMillis(300);
                        Thread.sleep(4_000);
                        proxies.get(victim).delayMillis(0);
                    }
                    case 3 -> {
                        log("kill -9 the server, restart after 1 s");
                        server.kill();
                        Thread.sleep(1_000);
                        server.start();
                    }
                    default -> {
                        log("config server answers 500 for 10 s");
                        configFailing.set(true);
                        Thread.sleep(10_000);
                        configFailing.set(false);
                    }
                }
                Thread.sleep(3_000 + random.nextInt(3_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void log(String fault) {
        faultLog.add(String.format("%tT %s", System.currentTimeMillis(), fault));
    }

    private static void expect(Map<String, Map<String, List<Long>>> expected, String receiver, String key, long seq) {
        expected.computeIfAbsent(receiver, r -> new LinkedHashMap<>())
                .computeIfAbsent(key, k -> new ArrayList<>()).add(seq);
    }

    private static boolean allArrived(Map<String, Map<String, List<Long>>> expected, Map<String, Receiver> receivers) {
        for (Map.Entry<String, Map<String, List<Long>>> entry : expected.entrySet()) {
            Receiver receiver = receivers.get(entry.getKey());
            for (Map.Entry<String, List<Long>> stream : entry.getValue().entrySet()) {
                if (receiver.received(stream.getKey()).size() < stream.getValue().size()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits until every client is online with an empty outbox; returns how long that took. */
    private static long awaitAll(Map<String, JitterbugClient> clients, Map<String, Receiver> receivers, long limit)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = System.currentTimeMillis() + limit;
        while (System.currentTimeMillis() < deadline) {
            boolean all = true;
            for (JitterbugClient client : clients.values()) {
                all &= client.state().isOnline() && client.pendingMessages().isEmpty();
            }
            if (all) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Records what one client receives, per sender and conversation kind. */
    static final class Receiver implements ClientListener {
        final String user;
        private final Map<String, List<Long>> bySenderAndConversation = new ConcurrentHashMap<>();
        final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();

        Receiver(String user) {
            this.user = user;
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void onMessage(ChatMessage message) {
            String[] parts = message.body().split("\\|");
            if (parts.length != 3 || message.outgoing()) {
                return;
            }
            String conversation = parts[2].equals("direct") ? "direct" : parts[2];
            bySenderAndConversation.computeIfAbsent(parts[0] + "@" + conversation, k -> new CopyOnWriteArrayList<>())
                    .add(Long.parseLong(parts[1]));
        }

        List<Long> received(String key) {
            return bySenderAndConversation.getOrDefault(key, new ArrayList<>());
        }

        Map<String, List<Long>> all() {
            return bySenderAndConversation;
        }
    }
}
