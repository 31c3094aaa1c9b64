package dev.jitterbug;

/**
 * One transition of the connection state, as the UI and the diagnostics timeline see it: typed (state, failure
 * category, stop reason) for decisions, with words ({@link #detail()}, {@link Failure#message()}) for people.
 * Immutable; produced on the client's event thread.
 */
public final class ConnectionEvent {
    private final ConnectionState state;
    private final long atMillis;
    private final Failure failure;
    private final FailureCategory category;
    private final StopReason stopReason;
    private final int attempt;
    private final long delayMillis;
    private final long delayFromMillis;
    private final long delayToMillis;
    private final String detail;

    private ConnectionEvent(ConnectionState state, long atMillis, Failure failure, FailureCategory category,
            StopReason stopReason, int attempt, long delayMillis, long delayFromMillis, long delayToMillis,
            String detail) {
        this.state = state;
        this.atMillis = atMillis;
        this.failure = failure;
        this.category = category;
        this.stopReason = stopReason;
        this.attempt = attempt;
        this.delayMillis = delayMillis;
        this.delayFromMillis = delayFromMillis;
        this.delayToMillis = delayToMillis;
        this.detail = detail;
    }

    /** An attempt starts. */
    public static ConnectionEvent connecting(long atMillis, int attempt, String detail) {
        return new ConnectionEvent(ConnectionState.CONNECTING, atMillis, null, null, null, attempt, 0, 0, 0, detail);
    }

    /** A session is established: {@link ConnectionState#CONNECTED} or {@link ConnectionState#RESUMED}. */
    public static ConnectionEvent online(ConnectionState state, long atMillis) {
        if (!state.isOnline()) {
            throw new IllegalArgumentException(state + " is not an online state");
        }
        return new ConnectionEvent(state, atMillis, null, null, null, 0, 0, 0, 0, null);
    }

    /** The session or an attempt ended; {@code category} says what that means for the next attempt. */
    public static ConnectionEvent disconnected(long atMillis, Failure failure, FailureCategory category, int attempt) {
        return new ConnectionEvent(ConnectionState.DISCONNECTED, atMillis, failure, category, null, attempt, 0, 0, 0,
                null);
    }

    /** Waiting {@code delayMillis} (drawn from [from, to]) before attempt number {@code attempt}. */
    public static ConnectionEvent waiting(long atMillis, int attempt, long delayMillis, long fromMillis, long toMillis,
            String detail) {
        return new ConnectionEvent(ConnectionState.WAITING, atMillis, null, null, null, attempt, delayMillis,
                fromMillis, toMillis, detail);
    }

    /**
     * Waiting, with no attempt planned, for the machine's network to come back: no attempt is spent while there is
     * none ({@link #waitsForNetwork()}; the delay is -1).
     */
    public static ConnectionEvent waitingForNetwork(long atMillis, int attempt, String detail) {
        return new ConnectionEvent(ConnectionState.WAITING, atMillis, null, null, null, attempt, -1, -1, -1, detail);
    }

    /** Reconnecting stopped, for a reason retrying cannot fix. */
    public static ConnectionEvent stopped(long atMillis, Failure failure, StopReason reason, String detail) {
        return new ConnectionEvent(ConnectionState.STOPPED, atMillis, failure, FailureCategory.FATAL, reason, 0, 0, 0,
                0, detail);
    }

    /** Signed out (or never started). */
    public static ConnectionEvent offline(long atMillis, String detail) {
        return new ConnectionEvent(ConnectionState.OFFLINE, atMillis, null, null, null, 0, 0, 0, 0, detail);
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

    /** What the failure means for reconnecting, for DISCONNECTED and STOPPED; null otherwise. */
    public FailureCategory category() {
        return category;
    }

    /** Why reconnecting stopped, for {@link ConnectionState#STOPPED}; null otherwise. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** The attempt number (1-based) for {@link ConnectionState#WAITING} and {@link ConnectionState#CONNECTING}. */
    public int attempt() {
        return attempt;
    }

    /** The chosen wait before the attempt, for {@link ConnectionState#WAITING}. */
    public long delayMillis() {
        return delayMillis;
    }

    /** The lowest wait the draw could have given, for {@link ConnectionState#WAITING}. */
    public long delayFromMillis() {
        return delayFromMillis;
    }

    /** The highest wait the draw could have given, for {@link ConnectionState#WAITING}. */
    public long delayToMillis() {
        return delayToMillis;
    }

    /** When the next attempt starts (epoch millis), for {@link ConnectionState#WAITING}; 0 otherwise. */
    public long retryAtMillis() {
        return state == ConnectionState.WAITING && delayMillis >= 0 ? atMillis + delayMillis : 0;
    }

    /** Whether this wait lasts until the machine has a usable network again (no attempt is planned). */
    public boolean waitsForNetwork() {
        return state == ConnectionState.WAITING && delayMillis < 0;
    }

    /** Extra words for diagnostics (the endpoint, the policy that chose the delay …), or null. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return state + (attempt > 0 ? " attempt=" + attempt : "") + (delayMillis > 0 ? " delay=" + delayMillis : "")
                + (failure != null ? " failure=" + failure : "") + (stopReason != null ? " " + stopReason : "")
                + (detail != null ? " (" + detail + ")" : "");
    }
}
