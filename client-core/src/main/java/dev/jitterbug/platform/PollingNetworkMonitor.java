package dev.jitterbug.platform;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's {@link NetworkMonitor}: looks at the interfaces and default routes every {@link #PERIOD_MILLIS}
 * (the JDK has no change notification) and at the clocks: when the wall clock moved on by more than
 * {@link #WAKE_GAP_MILLIS} beyond the monotonic clock (which stands still while the machine sleeps), the machine
 * slept. Either is reported within one period. It watches only while someone listens, on one daemon thread.
 */
public final class PollingNetworkMonitor implements NetworkMonitor {
    /** How often the network is looked at: a change is reported within this. */
    public static final long PERIOD_MILLIS = 500;
    /** A wall-clock jump beyond the monotonic clock larger than this counts as a sleep. */
    public static final long WAKE_GAP_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(PollingNetworkMonitor.class);

    private final Supplier<NetworkSnapshot> reader;
    private final Clock clock;
    /** Whether it looks by itself on its own thread (false in tests, which call {@link #tick()}). */
    private final boolean selfDriven;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private ScheduledExecutorService thread;
    private ScheduledFuture<?> polling;
    private NetworkSnapshot last;
    private long lastWall;
    private long lastMonotonic;
    private volatile boolean usable = true;

    /** Watches this machine's network with the system clocks. */
    public PollingNetworkMonitor() {
        this(NetworkSnapshot::ofSystem, Clock.SYSTEM, true);
    }

    /** For tests: snapshots and clocks from elsewhere; {@link #tick()} is then called by hand. */
    PollingNetworkMonitor(Supplier<NetworkSnapshot> reader, Clock clock) {
        this(reader, clock, false);
    }

    private PollingNetworkMonitor(Supplier<NetworkSnapshot> reader, Clock clock, boolean selfDriven) {
        this.reader = reader;
        this.clock = clock;
        this.selfDriven = selfDriven;
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
        synchronized (lock) {
            if (last == null) {
                baseline();
            }
            if (thread == null && selfDriven) {
                thread = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread daemon = new Thread(task, "jitterbug-network-monitor");
                    daemon.setDaemon(true);
                    return daemon;
                });
                polling = thread.scheduleWithFixedDelay(this::tickSafely, PERIOD_MILLIS, PERIOD_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
        synchronized (lock) {
            if (listeners.isEmpty() && thread != null) {
                polling.cancel(false);
                thread.shutdown();
                thread = null;
                last = null;
            }
        }
    }

    @Override
    public boolean networkUsable() {
        return usable;
    }

    private void baseline() {
        last = reader.get();
        usable = last == null || last.usable();
        lastWall = clock.currentTimeMillis();
        lastMonotonic = clock.monotonicMillis();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A failed look at the network must not end the watching (the next period tries again).
            LOG.warn("looking at the network failed", e);
        }
    }

    /** One look: reports a sleep, a lost or returned network, or a changed one, in that order of importance. */
    void tick() {
        NetworkChange change = null;
        synchronized (lock) {
            long wall = clock.currentTimeMillis();
            long monotonic = clock.monotonicMillis();
            long slept = (wall - lastWall) - (monotonic - lastMonotonic);
            lastWall = wall;
            lastMonotonic = monotonic;
            NetworkSnapshot now = reader.get();
            NetworkSnapshot before = last;
            if (now != null) {
                last = now;
                usable = now.usable();
            }
            if (slept > WAKE_GAP_MILLIS) {
                change = new NetworkChange(NetworkChange.Kind.WOKE,
                        "the machine woke up after about " + Math.round(slept / 1000.0) + " s asleep");
            } else if (now != null && before != null && !now.equals(before)) {
                String what = now.describeChangeFrom(before);
                if (before.usable() && !now.usable()) {
                    change = new NetworkChange(NetworkChange.Kind.LOST, "no network (" + what + ")");
                } else if (!before.usable() && now.usable()) {
                    change = new NetworkChange(NetworkChange.Kind.BACK, "the network is back (" + what + ")");
                } else {
                    change = new NetworkChange(NetworkChange.Kind.CHANGED, "the network changed (" + what + ")");
                }
            }
        }
        if (change != null) {
            LOG.info("{}", change);
            for (Listener listener : listeners) {
                try {
                    listener.networkChanged(change);
                } catch (RuntimeException e) {
                    LOG.warn("a network listener failed on {}", change, e);
                }
            }
        }
    }
}
