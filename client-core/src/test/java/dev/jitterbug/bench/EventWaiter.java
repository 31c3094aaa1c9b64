package dev.jitterbug.bench;

import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Waits for a client's next connection event in a given state and tells when (System.nanoTime) it arrived. */
final class EventWaiter implements ClientListener {
    private final LinkedBlockingQueue<long[]> arrivals = new LinkedBlockingQueue<>();
    private final java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        arrivals.add(new long[] {event.state().ordinal(), System.nanoTime()});
        seen.add(event.state() + (event.failure() != null ? " (" + event.failure() + ")" : "")
                + (event.detail() != null ? " [" + event.detail() + "]" : ""));
    }

    /** Forgets the events so far. */
    void clear() {
        arrivals.clear();
        seen.clear();
    }

    /** The arrival time of the next event in {@code state}; fails if none comes within {@code timeoutMillis}. */
    long await(ConnectionState state, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = deadline - System.nanoTime();
            long[] arrival = left > 0 ? arrivals.poll(left, TimeUnit.NANOSECONDS) : null;
            if (arrival == null) {
                throw new IllegalStateException("the client did not reach " + state + " within " + timeoutMillis
                        + " ms; it went through " + seen);
            }
            if (arrival[0] == state.ordinal()) {
                return arrival[1];
            }
        }
    }
}
