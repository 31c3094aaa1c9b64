package dev.jitterbug.reconnect;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.config.HardLimits;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.Scheduler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Supplier;

/**
 * The reconnect state machine: decides when the next attempt at a session starts, and reports every transition.
 *
 * <pre>
 *   OFFLINE --start--> CONNECTING --established--> CONNECTED | RESUMED
 *   CONNECTED | RESUMED --sessionLost--> DISCONNECTED(failure) --> WAITING(attempt, delay) --> CONNECTING --> ...
 *   DISCONNECTED(fatal failure) --> STOPPED;   stop() from anywhere --> OFFLINE
 * </pre>
 *
 * <p>When the wait comes from: a local blip as the first failure of a burst waits {@code uniform(0, blipRetryWindow)};
 * the first server-side failure of a burst waits {@code uniform(0, serverFailureSpread)}; a {@code see-other-host}
 * connects to the new host after {@code uniform(0, blipRetryWindow)} (at most {@link #MAX_REDIRECTS} in a row); every
 * other wait comes from the {@link BackoffPolicy} the current config names, kept within
 * [{@link HardLimits#MIN_RETRY_DELAY_MILLIS}, {@link HardLimits#MAX_RETRY_DELAY_MILLIS}] whatever the config says. A server's {@code Retry-After} is a lower
 * bound (capped at {@link #MAX_RETRY_AFTER_MILLIS}, plus up to a quarter of it as jitter so a fleet told the same
 * number does not return together). The backoff resets only when a session is established (bound or resumed).
 *
 * <p>Burst hook: a {@link ConnectionState#DISCONNECTED} event with {@code attempt() == 0} is the first failure after
 * being online (a burst starts); the next {@link ConnectionState#CONNECTED} or {@link ConnectionState#RESUMED} ends it.
 * A config service that fetches on the first and ignores the rest fetches at most once per burst. The config is read
 * again before every wait, so a fetched config applies from the next wait on.
 *
 * <p>All work runs on the scheduler; the public methods may be called from any thread. No thread of its own and a
 * handful of fields, because the storm simulator creates a million of these.
 */
public final class Reconnector {
    /** Consecutive {@code see-other-host} redirects followed before going back to the usual address. */
    public static final int MAX_REDIRECTS = 3;
    /** The longest {@code Retry-After} honoured (10 minutes): a broken or hostile value must not park clients for days. */
    public static final long MAX_RETRY_AFTER_MILLIS = 10 * 60_000L;
    /**
     * A session must last this long before its loss starts a new burst with the backoff reset. Shorter-lived
     * sessions count as part of the burst that led to them, so a server that accepts logins and then drops them at
     * once sees growing waits, not a reconnect every second.
     */
    public static final long STABLE_SESSION_MILLIS = 10_000L;

    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    private final Scheduler scheduler;
    private final Supplier<RetryConfig> config;
    private final SessionConnector connector;
    private final RandomSource random;
    private final Consumer<ConnectionEvent> listener;

    private volatile ConnectionState state = ConnectionState.OFFLINE;
    /** The attempt being waited for or running in this burst; 0 while online or offline. */
    private volatile int attempt;
    private int backoffStep;
    private long previousBackoffMillis;
    private boolean serverSpreadUsed;
    private long establishedAtMillis;
    private boolean flapping;
    private int redirectsFollowed;
    private String redirect;
    private long retryAtMonotonicMillis;
    private Scheduler.Cancellable pendingWait;
    private Scheduler.Cancellable attemptDeadline;
    private Attempt currentAttempt;

    public Reconnector(Scheduler scheduler, Supplier<RetryConfig> config, SessionConnector connector,
            RandomSource random, Consumer<ConnectionEvent> listener) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.config = requireNonNull(config, "config supplier");
        this.connector = requireNonNull(connector, "session connector");
        this.random = requireNonNull(random, "random source");
        this.listener = requireNonNull(listener, "listener");
    }

    /** Connects now (from OFFLINE or STOPPED). */
    public void start() {
        scheduler.execute(() -> {
            if (state == ConnectionState.OFFLINE || state == ConnectionState.STOPPED) {
                resetBurst();
                attempt = 1;
                connectNow();
            }
        });
    }

    /** The established session ended (the session layer noticed); ignored unless online. */
    public void sessionLost(Failure failure) {
        requireNonNull(failure, "failure");
        scheduler.execute(() -> {
            if (state.isOnline()) {
                if (scheduler.monotonicMillis() - establishedAtMillis >= STABLE_SESSION_MILLIS) {
                    resetBurst();
                } else {
                    // The session flapped (lost within seconds of being established, e.g. a server that sends
                    // garbage right after login): the burst goes on, so waits keep growing instead of looping fast.
                    flapping = true;
                }
                handleFailure(failure);
            }
        });
    }

    /** The OS says the network is back: a long wait shrinks to the blip window. */
    public void networkAvailable() {
        scheduler.execute(() -> {
            if (state != ConnectionState.WAITING) {
                return;
            }
            long window = config.get().blipRetryWindowMillis();
            if (retryAtMonotonicMillis - scheduler.monotonicMillis() > window) {
                pendingWait.cancel();
                waitThenConnect(draw(0, window), "the network is back");
            }
        });
    }

    /** The user asked to retry: skips the current wait once (or restarts after STOPPED), through the usual path. */
    public void retryNow() {
        scheduler.execute(() -> {
            if (state == ConnectionState.WAITING) {
                pendingWait.cancel();
                pendingWait = null;
                connectNow();
            } else if (state == ConnectionState.OFFLINE || state == ConnectionState.STOPPED) {
                resetBurst();
                attempt = 1;
                connectNow();
            }
        });
    }

    /** Stops reconnecting (sign-out): abandons a running attempt and any wait, and goes OFFLINE. */
    public void stop() {
        scheduler.execute(() -> {
            if (state == ConnectionState.OFFLINE) {
                return;
            }
            cancelTimers();
            if (currentAttempt != null) {
                currentAttempt = null;
                connector.abort();
            }
            resetBurst();
            state = ConnectionState.OFFLINE;
            emit(new ConnectionEvent(ConnectionState.OFFLINE, scheduler.currentTimeMillis(), null, 0, 0, 0, "stopped"));
        });
    }

    /** The current state, for the UI (readable from any thread). */
    public ConnectionState state() {
        return state;
    }

    /** The attempt being waited for or running (1-based), or 0 while online or offline. */
    public int attempt() {
        return attempt;
    }

    private void connectNow() {
        RetryConfig current = config.get();
        Attempt started = new Attempt(this);
        currentAttempt = started;
        String target = redirect;
        redirect = null;
        state = ConnectionState.CONNECTING;
        emit(new ConnectionEvent(ConnectionState.CONNECTING, scheduler.currentTimeMillis(), null, attempt, 0, 0,
                target == null ? null : "redirected to " + target));
        attemptDeadline = scheduler.schedule(() -> attemptTimedOut(started, current.connectTimeoutMillis()),
                current.connectTimeoutMillis());
        connector.connect(target, started);
    }

    private void attemptTimedOut(Attempt timedOut, long timeoutMillis) {
        if (timedOut != currentAttempt) {
            return;
        }
        attemptDeadline = null;
        currentAttempt = null;
        connector.abort();
        handleFailure(Failure.of(Failure.Kind.TIMEOUT,
                "The server did not complete the login within " + (timeoutMillis / 1000) + " s."));
    }

    private void attemptEstablished(Attempt finished, boolean resumed) {
        if (finished != currentAttempt) {
            return;
        }
        currentAttempt = null;
        cancelTimers();
        establishedAtMillis = scheduler.monotonicMillis();
        attempt = 0;
        redirectsFollowed = 0;
        redirect = null;
        ConnectionState online = resumed ? ConnectionState.RESUMED : ConnectionState.CONNECTED;
        state = online;
        emit(ConnectionEvent.of(online, scheduler.currentTimeMillis(), null));
    }

    private void attemptFailed(Attempt failed, Failure failure) {
        if (failed != currentAttempt) {
            return;
        }
        currentAttempt = null;
        cancelTimers();
        handleFailure(failure);
    }

    private void handleFailure(Failure failure) {
        state = ConnectionState.DISCONNECTED;
        emit(new ConnectionEvent(ConnectionState.DISCONNECTED, scheduler.currentTimeMillis(), failure, attempt, 0, 0,
                null));
        FailureClassification classification = FailureClassifier.classify(failure);
        if (classification.category() == FailureCategory.FATAL) {
            resetBurst();
            state = ConnectionState.STOPPED;
            emit(new ConnectionEvent(ConnectionState.STOPPED, scheduler.currentTimeMillis(), failure, 0, 0, 0,
                    classification.reason()));
            return;
        }
        RetryConfig current = config.get();
        attempt = attempt + 1;
        long delay;
        String why;
        if (classification.category() == FailureCategory.REDIRECT && redirectsFollowed < MAX_REDIRECTS) {
            redirectsFollowed++;
            redirect = failure.redirect();
            delay = draw(0, current.blipRetryWindowMillis());
            why = classification.reason();
        } else if (classification.category() != FailureCategory.LOCAL_BLIP && !serverSpreadUsed) {
            // A redirect beyond the limit lands here too: back to the usual address, treated as a server failure.
            serverSpreadUsed = true;
            delay = draw(0, current.serverFailureSpreadMillis());
            // If this attempt fails too, the server is still struggling: the decorrelated policies continue from the
            // scale of the spread window (next wait in [spread/m, spread]) rather than from base, so clients refused
            // early do not come back at once on top of the others.
            previousBackoffMillis = Math.max(previousBackoffMillis,
                    (long) (current.serverFailureSpreadMillis() / Math.max(1.0, current.multiplier())));
            why = classification.reason() + "; first retry spread over " + current.serverFailureSpreadMillis() + " ms";
        } else if (classification.category() == FailureCategory.LOCAL_BLIP && attempt == 1 && !flapping) {
            delay = draw(0, current.blipRetryWindowMillis());
            why = classification.reason() + "; quick retry";
        } else {
            backoffStep++;
            delay = withinHardLimits(
                    BackoffPolicies.forConfig(current).delayMillis(backoffStep, previousBackoffMillis, random));
            previousBackoffMillis = delay;
            why = classification.reason() + "; " + current.algorithm().jsonName() + " backoff";
        }
        if (failure.retryAfterMillis() > 0) {
            long honoured = Math.min(failure.retryAfterMillis(), MAX_RETRY_AFTER_MILLIS);
            long asked = honoured + draw(0, honoured / 4);
            if (asked > delay) {
                delay = asked;
                why = why + "; the server asked us to wait " + honoured + " ms";
            }
        }
        waitThenConnect(delay, why);
    }

    private void waitThenConnect(long delayMillis, String why) {
        state = ConnectionState.WAITING;
        retryAtMonotonicMillis = scheduler.monotonicMillis() + delayMillis;
        pendingWait = scheduler.schedule(this::waitOver, delayMillis);
        long now = scheduler.currentTimeMillis();
        emit(new ConnectionEvent(ConnectionState.WAITING, now, null, attempt, delayMillis, now + delayMillis, why));
    }

    private void waitOver() {
        pendingWait = null;
        if (state == ConnectionState.WAITING) {
            connectNow();
        }
    }

    /** The last line of defence against a config that never went through validation (see {@link HardLimits}). */
    private static long withinHardLimits(long backoffMillis) {
        return Math.max(HardLimits.MIN_RETRY_DELAY_MILLIS, Math.min(HardLimits.MAX_RETRY_DELAY_MILLIS, backoffMillis));
    }

    private long draw(long low, long high) {
        return (long) random.uniform(low, high);
    }

    private void resetBurst() {
        attempt = 0;
        flapping = false;
        backoffStep = 0;
        previousBackoffMillis = 0;
        serverSpreadUsed = false;
        redirectsFollowed = 0;
        redirect = null;
    }

    private void cancelTimers() {
        if (pendingWait != null) {
            pendingWait.cancel();
            pendingWait = null;
        }
        if (attemptDeadline != null) {
            attemptDeadline.cancel();
            attemptDeadline = null;
        }
    }

    private void emit(ConnectionEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // A broken listener must not stall reconnecting: the state machine has already moved on.
            LOG.warn("connection listener failed on {}", event, e);
        }
    }

    private static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("the reconnector needs a " + what);
        }
        return value;
    }

    /** One attempt's callback: outcomes of an attempt that is no longer current are dropped. */
    private static final class Attempt implements SessionConnector.Callback {
        private final Reconnector owner;

        Attempt(Reconnector owner) {
            this.owner = owner;
        }

        @Override
        public void established(boolean resumed) {
            owner.scheduler.execute(() -> owner.attemptEstablished(this, resumed));
        }

        @Override
        public void failed(Failure failure) {
            owner.scheduler.execute(() -> owner.attemptFailed(this, failure));
        }
    }
}
