package dev.jitterbug.soak;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.config.LoopbackRetryConfigFetchers;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The chaos soak: three clients (alice and carol over WebSocket, bob over BOSH) in a room and in one-to-one chats
 * exchange messages while {@link SoakFaults} runs — connections cut, packets silently dropped (blackhole), latency
 * spikes, the server killed while a client's acks are in flight, the config server failing during a reconnect burst.
 * Each client reaches Prosody through its own {@link LoopbackProxy}, which also counts the copies of each message the
 * server offers it ({@link WireCopies}). Afterwards every message must be accounted for exactly once, in order per
 * sender and conversation, shown only to whom it was for, with every client back online and its outbox empty.
 */
public final class ChaosSoak {
    /** How big and how long; {@link #quick()} for the normal build, {@link #fromSystemProperties()} for the profile. */
    public static final class Plan {
        final int messages;
        final long durationMillis;
        final long blackholeMinMillis;
        final long blackholeMaxMillis;
        final long configOutageMillis;
        final long latencySpikeMillis;
        final long pauseMinMillis;
        final long pauseMaxMillis;
        final long seed;

        Plan(int messages, long durationMillis, long blackholeMinMillis, long blackholeMaxMillis,
                long configOutageMillis, long latencySpikeMillis, long pauseMinMillis, long pauseMaxMillis, long seed) {
            this.messages = messages;
            this.durationMillis = durationMillis;
            this.blackholeMinMillis = blackholeMinMillis;
            this.blackholeMaxMillis = blackholeMaxMillis;
            this.configOutageMillis = configOutageMillis;
            this.latencySpikeMillis = latencySpikeMillis;
            this.pauseMinMillis = pauseMinMillis;
            this.pauseMaxMillis = pauseMaxMillis;
            this.seed = seed;
        }

        /** 45 s, 450 messages, every kind of fault once or more. */
        public static Plan quick() {
            return new Plan(450, 45_000, 5_000, 8_000, 6_000, 3_000, 2_000, 3_500, 7);
        }

        /** {@code -Dsoak.minutes=10 -Dsoak.messages=10000 -Dsoak.seed=1}; blackholes of 5–30 s. */
        public static Plan fromSystemProperties() {
            long minutes = Long.getLong("soak.minutes", 10);
            return new Plan(Integer.getInteger("soak.messages", 10_000), TimeUnit.MINUTES.toMillis(minutes), 5_000,
                    30_000, 10_000, 4_000, 3_000, 6_000, Long.getLong("soak.seed", 1));
        }

        /**
         * The longest a client may be without a session, from the config below: the longest blackhole, then the
         * probe that finds the dead link (ping interval + dead-link timeout), a wait at the backoff cap and a login
         * that takes the whole connect timeout.
         */
        long outageBoundMillis() {
            return blackholeMaxMillis + PING_MILLIS + DEAD_LINK_MILLIS + CAP_MILLIS + CONNECT_TIMEOUT_MILLIS;
        }
    }

    private static final long PING_MILLIS = 5_000;
    private static final long DEAD_LINK_MILLIS = 2_000;
    private static final long CAP_MILLIS = 10_000;
    private static final long CONNECT_TIMEOUT_MILLIS = 8_000;
    private static final String CONFIG = "{ \"format\": 1, \"version\": \"soak\","
            + " \"backoff\": { \"algorithm\": \"decorrelated-jitter-smooth\", \"baseMillis\": 500, \"capMillis\": "
            + CAP_MILLIS + " }, \"firstAttempt\": { \"serverFailureSpreadMillis\": 1000, \"blipRetryWindowMillis\": 1000 },"
            + " \"liveness\": { \"pingIntervalMillis\": " + PING_MILLIS + ", \"deadLinkTimeoutMillis\": "
            + DEAD_LINK_MILLIS + ", \"connectTimeoutMillis\": " + CONNECT_TIMEOUT_MILLIS + " } }";
    private static final String[] USERS = {"alice", "bob", "carol"};
    private static final String BOSH_USER = "bob";

    private final Plan plan;

    public ChaosSoak(Plan plan) {
        this.plan = plan;
    }

    public SoakReport run() throws Exception {
        AtomicBoolean configFailing = new AtomicBoolean();
        AtomicInteger configFailuresServed = new AtomicInteger();
        try (ProsodyServer server = ProsodyServer.create();
                MockWebServer configServer = new MockWebServer()) {
            for (String user : USERS) {
                server.account(user, user + "-soak");
            }
            server.start();
            configServer.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (configFailing.get()) {
                        configFailuresServed.incrementAndGet();
                        return new MockResponse.Builder().code(500).body("down").build();
                    }
                    return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                            .addHeader("Cache-Control", "max-age=5").body(CONFIG).build();
                }
            });
            configServer.start();
            Jid room = Jid.parse("soak@" + server.mucDomain());

            Map<String, LoopbackProxy> proxies = new LinkedHashMap<>();
            Map<String, JitterbugClient> clients = new LinkedHashMap<>();
            Map<String, SoakReceiver> receivers = new LinkedHashMap<>();
            Map<String, WireCopies> copies = new LinkedHashMap<>();
            Map<String, AtomicLong> lastSent = new ConcurrentHashMap<>();
            List<AutoCloseable> closeLater = new ArrayList<>();
            OkHttpClient http = new OkHttpClient();
            try {
                for (String user : USERS) {
                    LoopbackProxy proxy = new LoopbackProxy(server.httpPort());
                    WireCopies wire = new WireCopies(user);
                    proxy.tapDownstream(wire);
                    proxies.put(user, proxy);
                    copies.put(user, wire);
                    lastSent.put(user, new AtomicLong(-1));
                    closeLater.add(proxy);
                    URI endpoint = proxy.via(user.equals(BOSH_USER) ? server.boshUri() : server.webSocketUri());
                    ExecutorScheduler configScheduler = new ExecutorScheduler("soak-config-" + user);
                    closeLater.add(configScheduler);
                    RetryConfigService service = new RetryConfigService(LoopbackRetryConfigFetchers.plainHttp(http,
                            configServer.url("/retry.json").toString()), new InMemoryKeyValueStore(), configScheduler);
                    closeLater.add(service);
                    service.start();
                    JitterbugClient client = JitterbugClient.create(ClientOptions
                            .builder(Jid.parse(server.jid(user)), (user + "-soak").toCharArray())
                            .endpoint(endpoint).retryConfig(service).build());
                    SoakReceiver receiver = new SoakReceiver(user);
                    client.addListener(receiver);
                    client.joinRoom(room, user);
                    client.connect();
                    clients.put(user, client);
                    receivers.put(user, receiver);
                }
                awaitAll(clients, 60_000);
                checkIn(clients, receivers, room, "in the room");
                long heapAtStart = usedHeapAfterGc();

                Map<String, Map<String, List<Long>>> expected = new ConcurrentHashMap<>();
                SoakFaults faults = new SoakFaults(plan, world(server, proxies, receivers, lastSent,
                        configFailuresServed, configFailing), USERS);
                Thread faultThread = new Thread(faults, "soak-faults");
                faultThread.start();
                sendMessages(clients, server, room, expected, lastSent);
                faultThread.join();
                long sendingEnded = System.nanoTime();
                long recoveredMillis = awaitAll(clients, 120_000);
                long settledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sendingEnded);
                await(() -> allArrived(expected, receivers), 120_000);
                // Markers after everything: every conversation is in order, so a copy of anything sent before would
                // have been shown before its marker.
                checkIn(clients, receivers, room, "end");
                List<String> states = new ArrayList<>();
                for (Map.Entry<String, JitterbugClient> entry : clients.entrySet()) {
                    states.add(entry.getKey() + " " + entry.getValue().state() + ", "
                            + entry.getValue().pendingMessages().size() + " messages unconfirmed");
                }
                long heapAtEnd = usedHeapAfterGc();
                long extraCopies = 0;
                for (WireCopies wire : copies.values()) {
                    extraCopies += wire.extraCopies();
                }
                return SoakReport.of(plan, expected, receivers, recoveredMillis, settledMillis, heapAtStart,
                        heapAtEnd, faults.faults(), extraCopies, states);
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

    private void sendMessages(Map<String, JitterbugClient> clients, ProsodyServer server, Jid room,
            Map<String, Map<String, List<Long>>> expected, Map<String, AtomicLong> lastSent)
            throws InterruptedException {
        Random random = new Random(plan.seed);
        long start = System.nanoTime();
        long interval = plan.durationMillis / plan.messages;
        for (int i = 0; i < plan.messages; i++) {
            String from = USERS[i % USERS.length];
            int pick = random.nextInt(3);
            if (pick == 0) {
                clients.get(from).sendRoomMessage(room, SoakBody.write(from, i, SoakBody.ROOM));
                for (String other : USERS) {
                    if (!other.equals(from)) {
                        expect(expected, other, from + "@" + SoakBody.ROOM, i);
                    }
                }
            } else {
                String to = USERS[(i + pick) % USERS.length];
                clients.get(from).sendMessage(Jid.parse(server.jid(to)), SoakBody.write(from, i, to));
                expect(expected, to, from + "@direct", i);
            }
            lastSent.get(from).set(i);
            long due = start + TimeUnit.MILLISECONDS.toNanos(interval * (i + 1));
            long pause = TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime());
            if (pause > 0) {
                Thread.sleep(pause); // pacing: the messages spread over the plan's duration
            }
        }
    }

    private SoakFaults.World world(ProsodyServer server, Map<String, LoopbackProxy> proxies,
            Map<String, SoakReceiver> receivers, Map<String, AtomicLong> lastSent, AtomicInteger configFailuresServed,
            AtomicBoolean configFailing) {
        return new SoakFaults.World() {
            @Override
            public ProsodyServer server() {
                return server;
            }

            @Override
            public Map<String, LoopbackProxy> proxies() {
                return proxies;
            }

            @Override
            public int sessionsLost(String user) {
                return receivers.get(user).sessionsLost();
            }

            @Override
            public long lastSent(String user) {
                return lastSent.get(user).get();
            }

            @Override
            public boolean directMessageArrived(String sender, long after) {
                for (SoakReceiver receiver : receivers.values()) {
                    for (long seq : receiver.received(sender + "@direct")) {
                        if (seq > after) {
                            return true;
                        }
                    }
                }
                return false;
            }

            @Override
            public int configFailuresServed() {
                return configFailuresServed.get();
            }

            @Override
            public AtomicBoolean configFailing() {
                return configFailing;
            }

            @Override
            public List<String> webSocketUsers() {
                List<String> users = new ArrayList<>();
                for (String user : USERS) {
                    if (!user.equals(BOSH_USER)) {
                        users.add(user);
                    }
                }
                return users;
            }

            @Override
            public boolean await(BooleanSupplier condition, long limitMillis) {
                return ChaosSoak.await(condition, limitMillis);
            }
        };
    }

    /** Every client says something in the room and to every other client, and waits until all of it arrived. */
    private static void checkIn(Map<String, JitterbugClient> clients, Map<String, SoakReceiver> receivers, Jid room,
            String what) {
        for (String user : USERS) {
            clients.get(user).sendRoomMessage(room, user + " " + what);
            for (String other : USERS) {
                if (!other.equals(user)) {
                    clients.get(user).sendMessage(clients.get(other).jid(), user + " to " + other + " " + what);
                }
            }
        }
        boolean arrived = await(() -> {
            for (String user : USERS) {
                for (String other : USERS) {
                    List<String> got = receivers.get(other).others;
                    if (!other.equals(user) && !(got.contains(user + " " + what)
                            && got.contains(user + " to " + other + " " + what))) {
                        return false;
                    }
                }
            }
            return true;
        }, 120_000);
        if (!arrived) {
            throw new AssertionError("the check-in '" + what + "' did not reach everyone");
        }
    }

    private static void expect(Map<String, Map<String, List<Long>>> expected, String receiver, String key, long seq) {
        expected.computeIfAbsent(receiver, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new ArrayList<>()).add(seq);
    }

    private static boolean allArrived(Map<String, Map<String, List<Long>>> expected,
            Map<String, SoakReceiver> receivers) {
        for (Map.Entry<String, Map<String, List<Long>>> entry : expected.entrySet()) {
            SoakReceiver receiver = receivers.get(entry.getKey());
            for (Map.Entry<String, List<Long>> stream : entry.getValue().entrySet()) {
                if (receiver.received(stream.getKey()).size() < stream.getValue().size()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits until every client is online with an empty outbox; returns how long that took, or -1. */
    private static long awaitAll(Map<String, JitterbugClient> clients, long limitMillis) {
        long start = System.nanoTime();
        boolean all = await(() -> clients.values().stream()
                .allMatch(c -> c.state().isOnline() && c.pendingMessages().isEmpty()), limitMillis);
        return all ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) : -1;
    }

    private static boolean await(BooleanSupplier condition, long limitMillis) {
        try {
            Awaitility.await().atMost(limitMillis, TimeUnit.MILLISECONDS)
                    .pollInterval(50, TimeUnit.MILLISECONDS).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
