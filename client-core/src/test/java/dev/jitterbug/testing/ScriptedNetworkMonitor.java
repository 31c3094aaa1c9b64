package dev.jitterbug.testing;

import dev.jitterbug.platform.NetworkChange;
import dev.jitterbug.platform.NetworkMonitor;
import java.util.concurrent.CopyOnWriteArrayList;

/** A network monitor a test drives: it reports what the test says happened, at once, on the test's thread. */
public final class ScriptedNetworkMonitor implements NetworkMonitor {
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean usable = true;

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean networkUsable() {
        return usable;
    }

    public int listeners() {
        return listeners.size();
    }

    /** Reports the change to every listener (and whether a network is left, for LOST and BACK). */
    public void report(NetworkChange.Kind kind, String description) {
        if (kind == NetworkChange.Kind.LOST) {
            usable = false;
        } else if (kind == NetworkChange.Kind.BACK) {
            usable = true;
        }
        NetworkChange change = new NetworkChange(kind, description);
        listeners.forEach(listener -> listener.networkChanged(change));
    }
}
