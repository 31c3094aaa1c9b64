package dev.jitterbug.platform;

/**
 * Tells clients what the machine's network did: an address or default route changed, the last usable network went
 * away or came back, or the machine woke from sleep. Each platform implements it with what it has (the desktop polls
 * {@link java.net.NetworkInterface}, Android would use its connectivity service); one monitor serves every client in
 * the process. Listeners are called on the monitor's own thread and must hand the work to their own.
 */
public interface NetworkMonitor {
    /** A monitor that never reports anything (the default: clients then rely on their probes alone). */
    NetworkMonitor NONE = new NetworkMonitor() {
        @Override
        public void addListener(Listener listener) {
        }

        @Override
        public void removeListener(Listener listener) {
        }

        @Override
        public boolean networkUsable() {
            return true;
        }
    };

    /** Starts reporting to the listener (a monitor may start watching with its first listener). */
    void addListener(Listener listener);

    /** Stops reporting to the listener (a monitor may stop watching after its last one). */
    void removeListener(Listener listener);

    /** Whether the machine has a usable network right now, as far as the monitor knows. */
    boolean networkUsable();

    /** What a client hears from the monitor. */
    interface Listener {
        void networkChanged(NetworkChange change);
    }
}
