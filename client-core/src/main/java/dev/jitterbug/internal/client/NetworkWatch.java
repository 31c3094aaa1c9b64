package dev.jitterbug.internal.client;

import dev.jitterbug.platform.NetworkChange;
import dev.jitterbug.platform.NetworkMonitor;
import dev.jitterbug.reconnect.Reconnector;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client does when the machine's network moves: a change or a wake probes the live link at once (instead
 * of at the next ping) and shortens a long wait; no network stops attempts until it is back. Both the reconnector
 * and the probe run on the client's event thread, in the order asked.
 */
final class NetworkWatch implements NetworkMonitor.Listener {
    /** How long a link probed after a network change may take to answer before it counts as gone with the network. */
    static final long PROBE_TIMEOUT_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(NetworkWatch.class);

    private final NetworkMonitor monitor;
    private final Reconnector reconnector;
    private final Consumer<String> probeLink;
    private final String who;
    /** A server on this machine's loopback is reachable without any network: losing the network stops nothing. */
    private final boolean serverOnThisMachine;
    private boolean watching;

    /** @param probeLink probes the live link, if there is one, saying why (runs on the monitor's thread: hand off) */
    NetworkWatch(NetworkMonitor monitor, Reconnector reconnector, Consumer<String> probeLink, String who,
            boolean serverOnThisMachine) {
        this.serverOnThisMachine = serverOnThisMachine;
        this.monitor = monitor;
        this.reconnector = reconnector;
        this.probeLink = probeLink;
        this.who = who;
    }

    synchronized void start() {
        if (watching) {
            return;
        }
        watching = true;
        monitor.addListener(this);
        if (!monitor.networkUsable() && !serverOnThisMachine) {
            reconnector.networkLost("the machine has no usable network");
        } else {
            reconnector.networkAvailable(); // a loss heard before a sign-out may be over: nobody told us while away
        }
    }

    synchronized void stop() {
        if (watching) {
            watching = false;
            monitor.removeListener(this);
        }
    }

    @Override
    public void networkChanged(NetworkChange change) {
        LOG.debug("{}: {}", who, change);
        switch (change.kind()) {
            case LOST:
                if (serverOnThisMachine) {
                    break;
                }
                // First no attempts, then the probe: the session it ends parks until the network is back.
                reconnector.networkLost(change.description());
                probeLink.accept(change.description());
                break;
            case BACK:
            case CHANGED:
            case WOKE:
            default:
                probeLink.accept(change.description());
                reconnector.networkAvailable();
                break;
        }
    }
}
