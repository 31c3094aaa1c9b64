package dev.jitterbug;

/**
 * One transition of the connection state, as the UI and the diagnostics timeline see it.
 * Immutable; produced on the client's event thread.
 */
public final class ConnectionEvent {
    private final ConnectionState state;
    private final long atMillis;
    private final Failure failure;
    private final int attempt;
    private final long delayMillis;
    private final long retryAtMillis;
    private final String detail;

    public ConnectionEvent(ConnectionState state, long atMillis, Failure failure, int attempt, long delayMillis,
            long retryAtMillis, String detail) {
        this.state = state;
        this.atMillis = atMillis;
        this.failure = failure;
        this.attempt = attempt;
        this.delayMillis = delayMillis;
        this.retryAtMillis = retryAtMillis;
        this.detail = detail;
    }

    public static ConnectionEvent of(ConnectionState state, long atMillis, String detail) {
        return new ConnectionEvent(state, atMillis, null, 0, 0, 0, detail);
    }

    public ConnectionState state() {
        return state;
    }

    /** When the transition happened (the client's wall clock, epoch millis). */
    public long atMillis() {
        return atMillis;
    }

    /** Why the connection ended ({@link ConnectionState#DISCONNECTED}, {@link ConnectionState#STOPPED}), or null. */
    public Failure failure() {
        return failure;
    }

    /** The attempt number (1-based) for {@link ConnectionState#WAITING} and {@link ConnectionState#CONNECTING}. */
    public int attempt() {
        return attempt;
    }

    /** The chosen wait before the attempt, for {@link ConnectionState#WAITING}. */
    public long delayMillis() {
        return delayMillis;
    }

    /** When the next attempt starts (epoch millis), for {@link ConnectionState#WAITING}. */
    public long retryAtMillis() {
        return retryAtMillis;
    }

    /** Extra words for diagnostics (the endpoint, the policy that chose the delay …), or null. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return state + (attempt > 0 ? " attempt=" + attempt : "") + (delayMillis > 0 ? " delay=" + delayMillis : "")
                + (failure != null ? " failure=" + failure : "") + (detail != null ? " (" + detail + ")" : "");
    }
}
