package dev.jitterbug.reconnect;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.FailureCategory;
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
 * <p>It decides which kind of wait applies — a quick retry (a local blip as the first failure of a burst, or a
 * {@code see-other-host} to follow, at most {@link #MAX_REDIRECTS} in a row), a server-side failure (spread the first
 * retry of a burst), or the next backoff step — and the {@link RetryPlanner} decides how long, from the policy the
 * current config describes. A server's {@code Retry-After} is a lower bound. The backoff resets only when a session
 * is established (bound or resumed) and lasts {@link #STABLE_SESSION_MILLIS}.
 *
 * <p>Burst hook: a {@link ConnectionState#DISCONNECTED} event with {@code attempt() == 0} is the first failure after
 * being online (a burst starts); the next {@link ConnectionState#CONNECTED} or {@link ConnectionState#RESUMED} ends it.
 * A config service that fetches on the first and ignores the rest fetches at most once per burst. The config is read
 * again before every wait, so a fetched config applies from the next wait on. If reading or applying it fails
 * (a bug, or a config no validation saw), the built-in defaults plan that wait and the event says so: reconnecting
 * never stops because of the config.
 *
 * <p>All work runs on the scheduler; the public methods may be called from any thread. No thread of its own and a
 * handful of fields, because the storm simulator creates a million of these.
 */
public final class Reconnector {
    /** Consecutive {@code see-other-host} redirects followed before going back to the usual address. */
    public static final int MAX_REDIRECTS = 3;
    /**
     * A session must last this long before its loss starts a new burst with the backoff reset. Shorter-lived
     * sessions count as part of the burst that led to them, so a server that accepts logins and then drops them at
     * once sees growing waits, not a reconnect every second.
     */
    public static final long STABLE_SESSION_MILLIS = 10_000L;

    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    private final Scheduler scheduler;
    private final Supplier<RetryPolicy> policy;
    private final SessionConnector connector;
    private final RetryPlanner planner;
    private final Consumer<ConnectionEvent> listener;

    private volatile ConnectionState state = ConnectionState.OFFLINE;
    /** The attempt being waited for or running in this burst; 0 while online or offline. */
    private volatile int attempt;
    private RetryState retries = RetryState.FRESH;
    /** Why the config in force could not be used for the wait being planned, or null: the event says so. */
    private String configProblem;
    private long establishedAtMillis;
    private boolean flapping;
    /** Whether the current session was resumed (its quick loss is no flapping). */
    private boolean onlineByResume;
    /** Whether the next attempt only resumes: a quick try that ends with RESUME_REFUSED instead of logging in. */
    private boolean resumeNext;
    private boolean noNetwork;
    private int redirectsFollowed;
    private String redirect;
    private long retryAtMonotonicMillis;
    private Scheduler.Cancellable pendingWait;
    private Scheduler.Cancellable attemptDeadline;
    private Attempt currentAttempt;

    /**
     * @param policy the reconnect policy in force, read before every wait and attempt (a fetched config applies from
     *               the next wait on)
     */
    public Reconnector(Scheduler scheduler, Supplier<RetryPolicy> policy, SessionConnector connector,
            RandomSource random, Consumer<ConnectionEvent> listener) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.policy = requireNonNull(policy, "policy supplier");
        this.connector = requireNonNull(connector, "session connector");
        this.planner = new RetryPlanner(requireNonNull(random, "random source"));
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

    /** The established session ended and cannot be resumed; ignored unless online. */
    public void sessionLost(Failure failure) {
        sessionLost(failure, false);
    }

    /**
     * The established session ended (the session layer noticed); ignored unless online.
     *
     * @param resumable whether the session could be resumed (XEP-0198 enabled with resume, and resuming is usable
     *                  on this transport). If the failure may have spared the session on the server, the first
     *                  attempt is then a resume within the blip window; only a refused resume is spread.
     */
    public void sessionLost(Failure failure, boolean resumable) {
        requireNonNull(failure, "failure");
        scheduler.execute(() -> {
            if (state.isOnline()) {
                if (scheduler.monotonicMillis() - establishedAtMillis >= STABLE_SESSION_MILLIS) {
                    resetBurst();
                } else if (!onlineByResume) {
                    // The session flapped (lost within seconds of a full login, e.g. a server that sends garbage
                    // right after login): the burst goes on, so waits keep growing instead of looping fast. A
                    // resumed session lost quickly is not flapping: the resume worked and cost the server little.
                    flapping = true;
                }
                resumeNext = resumable && FailureClassifier.sessionMaySurvive(failure);
                handleFailure(failure);
            }
        });
    }

    /** The network is back (or changed): a long wait, or one for the network, shrinks to the jittered blip window. */
    public void networkAvailable() {
        scheduler.execute(() -> {
            noNetwork = false;
            if (state != ConnectionState.WAITING) {
                return;
            }
            RetryDelay quick = planner.plan(policy(), retries, RetryCause.QUICK, -1).delay();
            if (pendingWait == null || retryAtMonotonicMillis - scheduler.monotonicMillis() > quick.toMillis()) {
                if (pendingWait != null) {
                    pendingWait.cancel();
                }
                waitThenConnect(quick, "the network is back");
            }
        });
    }

    /** No usable network: no attempt is spent until {@link #networkAvailable()} (see {@code waitsForNetwork()}). */
    public void networkLost(String why) {
        scheduler.execute(() -> {
            noNetwork = true;
            if (state == ConnectionState.WAITING && pendingWait != null) {
                pendingWait.cancel();
                waitForNetwork(why);
            }
        });
    }

    /** The user asked to retry: skips the current wait once (or restarts after STOPPED), through the usual path. */
    public void retryNow() {
        scheduler.execute(() -> {
            if (state == ConnectionState.WAITING) {
                if (pendingWait != null) { // null while waiting for the network: the user may try anyway
                    pendingWait.cancel();
                    pendingWait = null;
                }
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
            emit(ConnectionEvent.offline(scheduler.currentTimeMillis(), "stopped"));
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
        RetryPolicy current = policy();
        Attempt started = new Attempt(this);
        currentAttempt = started;
        String target = redirect;
        redirect = null;
        boolean resumeOnly = resumeNext;
        resumeNext = false;
        state = ConnectionState.CONNECTING;
        emit(ConnectionEvent.connecting(scheduler.currentTimeMillis(), attempt,
                target == null ? null : "redirected to " + target));
        attemptDeadline = scheduler.schedule(() -> attemptTimedOut(started, current.attemptTimeoutMillis()),
                current.attemptTimeoutMillis());
        if (resumeOnly) {
            connector.connect(target, true, started);
        } else {
            connector.connect(target, started);
        }
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
        onlineByResume = resumed;
        ConnectionState online = resumed ? ConnectionState.RESUMED : ConnectionState.CONNECTED;
        state = online;
        emit(ConnectionEvent.online(online, scheduler.currentTimeMillis()));
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
        FailureClassification classification = FailureClassifier.classify(failure);
        state = ConnectionState.DISCONNECTED;
        emit(ConnectionEvent.disconnected(scheduler.currentTimeMillis(), failure, classification.category(), attempt));
        if (classification.category() == FailureCategory.FATAL) {
            resetBurst();
            state = ConnectionState.STOPPED;
            emit(ConnectionEvent.stopped(scheduler.currentTimeMillis(), failure, classification.stopReason(),
                    classification.reason()));
            return;
        }
        attempt = attempt + 1;
        RetryCause cause;
        if (classification.category() == FailureCategory.REDIRECT && redirectsFollowed < MAX_REDIRECTS) {
            redirectsFollowed++;
            redirect = failure.redirect();
            cause = RetryCause.QUICK;
        } else if (resumeNext) {
            // The session may be alive on the server: a resume costs it little, so try at once (within the blip
            // window). A refused resume (the node died) comes back as a server-side failure and is spread.
            cause = RetryCause.QUICK;
        } else if (classification.category() == FailureCategory.LOCAL_BLIP) {
            cause = attempt == 1 && !flapping ? RetryCause.QUICK : RetryCause.BACKOFF;
        } else {
            // A redirect beyond the limit lands here too: back to the usual address, treated as a server failure.
            cause = RetryCause.SERVER_FAILURE;
        }
        RetryPlanner.Plan plan;
        String why = classification.reason();
        try {
            plan = planner.plan(policy(), retries, cause, failure.retryAfterMillis());
        } catch (RuntimeException e) {
            // Defence in depth: no policy bug may stop reconnecting (Smack's dead reconnection thread).
            LOG.warn("planning the next wait failed; using the built-in defaults", e);
            configProblem = e.toString();
            plan = planner.plan(RetryPolicy.BUILT_IN_RECONNECT, retries, cause, failure.retryAfterMillis());
        }
        if (configProblem != null) {
            why = why + "; the retry config could not be used (" + configProblem + "), the built-in defaults apply";
            configProblem = null;
        }
        retries = plan.next();
        waitThenConnect(plan.delay(), why + "; " + (resumeNext ? "resuming first, " : "") + plan.delay().why());
    }

    /** The policy in force, or the built-in one if reading it fails (noted for the next event's detail). */
    private RetryPolicy policy() {
        try {
            RetryPolicy current = policy.get();
            if (current == null) {
                throw new IllegalStateException("the retry config gave no reconnect policy");
            }
            return current;
        } catch (RuntimeException e) {
            LOG.warn("the retry config in force cannot be read; using the built-in defaults", e);
            configProblem = e.toString();
            return RetryPolicy.BUILT_IN_RECONNECT;
        }
    }

    private void waitThenConnect(RetryDelay delay, String why) {
        if (noNetwork) {
            waitForNetwork(why);
            return;
        }
        state = ConnectionState.WAITING;
        retryAtMonotonicMillis = scheduler.monotonicMillis() + delay.millis();
        pendingWait = scheduler.schedule(this::waitOver, delay.millis());
        emit(ConnectionEvent.waiting(scheduler.currentTimeMillis(), attempt, delay.millis(), delay.fromMillis(),
                delay.toMillis(), why));
    }

    private void waitOver() {
        pendingWait = null;
        if (state == ConnectionState.WAITING) {
            connectNow();
        }
    }

    private void waitForNetwork(String why) {
        state = ConnectionState.WAITING;
        pendingWait = null;
        emit(ConnectionEvent.waitingForNetwork(scheduler.currentTimeMillis(), attempt,
                "No network; waiting for it to come back (" + why + ")"));
    }

    private void resetBurst() {
        attempt = 0;
        resumeNext = false;
        flapping = false;
        retries = RetryState.FRESH;
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
