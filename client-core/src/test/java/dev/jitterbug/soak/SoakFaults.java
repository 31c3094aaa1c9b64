package dev.jitterbug.soak;

import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyServer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The soak's fault schedule: one fault every few seconds, each kind in turn, until the time is up and every kind
 * has run at least once. Each fault records whether it bit (evidence from the proxy, the clients or the config
 * server), so a schedule whose faults silently missed cannot pass for a chaos run.
 */
final class SoakFaults implements Runnable {
    enum Kind {
        /** The config server answers 500 while every connection is cut: a reconnect burst meets a failing config. */
        CONFIG_OUTAGE,
        /** kill -9 while one client's acks are held back: its last messages arrived, but it does not know. */
        KILL_WITH_ACKS_IN_FLIGHT,
        /** Every connection of every client reset. */
        CUT_ALL,
        /** One client's packets stall both ways, nobody is told. */
        BLACKHOLE,
        /** +300 ms each way for one client. */
        LATENCY_SPIKE
    }

    /** One fault as it happened. */
    static final class Fault {
        final Kind kind;
        final String description;
        final boolean bit;
        final String evidence;

        Fault(Kind kind, String description, boolean bit, String evidence) {
            this.kind = kind;
            this.description = description;
            this.bit = bit;
            this.evidence = evidence;
        }

        @Override
        public String toString() {
            return kind + ": " + description + " -> " + (bit ? "bit (" : "MISSED (") + evidence + ")";
        }
    }

    /** What the faults act on; the soak provides it. */
    interface World {
        ProsodyServer server();

        Map<String, LoopbackProxy> proxies();

        /** Sessions each client has lost so far (DISCONNECTED events). */
        int sessionsLost(String user);

        /** The highest sequence number the harness has sent from this user so far (-1 before the first). */
        long lastSent(String user);

        /** Whether a direct message from {@code sender} with a sequence above {@code after} has been shown to its recipient. */
        boolean directMessageArrived(String sender, long after);

        /** 500s the config server has answered so far. */
        int configFailuresServed();

        AtomicBoolean configFailing();

        /**
         * Users whose acks can be held back while their messages still go out: WebSocket clients (a BOSH client
         * cannot send while the answers to its requests are held).
         */
        List<String> webSocketUsers();

        /** Waits until the condition holds, at most the given time; false if it never did. */
        boolean await(BooleanSupplier condition, long limitMillis);
    }

    /** Below the soak's ping interval, so holding the acks does not make the victim's probe fail. */
    private static final long ACK_HOLD_LIMIT_MILLIS = 4_000;
    /** A hang guard: clients notice a killed server within seconds (BOSH after its resends). */
    private static final long NOTICE_LIMIT_MILLIS = 60_000;

    private final ChaosSoak.Plan plan;
    private final World world;
    private final Random random;
    private final String[] users;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    SoakFaults(ChaosSoak.Plan plan, World world, String[] users) {
        this.plan = plan;
        this.world = world;
        this.users = users;
        this.random = new Random(plan.seed + 1);
    }

    List<Fault> faults() {
        return faults;
    }

    @Override
    public void run() {
        long end = System.currentTimeMillis() + plan.durationMillis - 5_000;
        Set<Kind> ran = EnumSet.noneOf(Kind.class);
        int next = 0;
        try {
            Thread.sleep(3_000);
            while (System.currentTimeMillis() < end || ran.size() < Kind.values().length) {
                Kind kind = Kind.values()[next++ % Kind.values().length];
                String victim = users[random.nextInt(users.length)];
                faults.add(inject(kind, victim));
                ran.add(kind);
                Thread.sleep(plan.pauseMinMillis + random.nextInt((int) (plan.pauseMaxMillis - plan.pauseMinMillis)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Fault inject(Kind kind, String victim) throws InterruptedException {
        switch (kind) {
            case CONFIG_OUTAGE: {
                int before = world.configFailuresServed();
                world.configFailing().set(true);
                int reset = cutAll();
                Thread.sleep(plan.configOutageMillis);
                world.configFailing().set(false);
                int served = world.configFailuresServed() - before;
                return new Fault(kind, "config server answers 500 for " + plan.configOutageMillis + " ms, every"
                        + " connection cut", served > 0, served + " requests answered 500, " + reset + " connections reset");
            }
            case KILL_WITH_ACKS_IN_FLIGHT:
                List<String> candidates = world.webSocketUsers();
                return killWithAcksInFlight(candidates.get(random.nextInt(candidates.size())));
            case CUT_ALL: {
                int reset = cutAll();
                return new Fault(kind, "cut every connection", reset > 0, reset + " connections reset");
            }
            case BLACKHOLE: {
                long millis = plan.blackholeMinMillis
                        + (long) (random.nextDouble() * (plan.blackholeMaxMillis - plan.blackholeMinMillis));
                LoopbackProxy proxy = world.proxies().get(victim);
                long before = proxy.chunksHeld();
                proxy.blackhole(true);
                Thread.sleep(millis);
                proxy.blackhole(false);
                long held = proxy.chunksHeld() - before;
                return new Fault(kind, "blackhole " + victim + " for " + millis + " ms", held > 0,
                        held + " chunks held back");
            }
            default: {
                LoopbackProxy proxy = world.proxies().get(victim);
                long before = proxy.chunksDelayed();
                proxy.delayMillis(300);
                Thread.sleep(plan.latencySpikeMillis);
                proxy.delayMillis(0);
                long delayed = proxy.chunksDelayed() - before;
                return new Fault(kind, "latency +300 ms each way for " + victim + ", " + plan.latencySpikeMillis
                        + " ms", delayed > 0, delayed + " chunks delayed");
            }
        }
    }

    /**
     * The victim's downstream is held, so the acks for its next messages never reach it; once a direct message it
     * sent after that has reached its recipient, the server dies (and the held bytes with the victim's connections).
     * After the restart the victim must send that message again, and its recipient must show it once: the soak's
     * duplicate filter gets real work.
     */
    private Fault killWithAcksInFlight(String victim) throws InterruptedException {
        LoopbackProxy proxy = world.proxies().get(victim);
        long heldFrom = world.lastSent(victim);
        proxy.holdDownstream(true);
        // Messages go out every few hundred ms; the hold must end before the victim's probe finds the link dead.
        boolean inFlight = world.await(() -> world.directMessageArrived(victim, heldFrom), ACK_HOLD_LIMIT_MILLIS);
        AtomicInteger noticed = new AtomicInteger();
        List<Integer> lostBefore = new ArrayList<>();
        for (String user : users) {
            lostBefore.add(world.sessionsLost(user));
        }
        long killedAt = System.nanoTime();
        world.server().kill();
        proxy.cutAll(); // the acks it held die with the server's connections
        proxy.holdDownstream(false);
        for (int i = 0; i < users.length; i++) {
            String user = users[i];
            int before = lostBefore.get(i);
            if (world.await(() -> world.sessionsLost(user) > before, NOTICE_LIMIT_MILLIS)) {
                noticed.incrementAndGet();
            }
        }
        long downFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        if (downFor < 1_000) {
            Thread.sleep(1_000 - downFor);
        }
        world.server().start();
        boolean bit = inFlight && noticed.get() == users.length;
        return new Fault(Kind.KILL_WITH_ACKS_IN_FLIGHT, "kill -9 the server while " + victim + "'s acks are held,"
                + " restart after 1 s", bit, (inFlight ? "a direct message of " + victim + " arrived unacknowledged"
                : "no message of " + victim + " arrived while its acks were held") + ", " + noticed + " of "
                + users.length + " clients noticed the kill");
    }

    private int cutAll() {
        int reset = 0;
        for (LoopbackProxy proxy : world.proxies().values()) {
            reset += proxy.cutAll();
        }
        return reset;
    }
}
