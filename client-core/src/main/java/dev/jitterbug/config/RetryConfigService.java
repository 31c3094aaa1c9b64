package dev.jitterbug.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitterbug.platform.KeyValueStore;
import dev.jitterbug.reconnect.Retries;
import dev.jitterbug.reconnect.RetryCause;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.reconnect.RetryPolicy;
import dev.jitterbug.platform.Scheduler;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the retry config in force for one location: the saved copy at start-up, then fetched documents, applied
 * live. {@link #configFor(String)} is cheap enough to call before every reconnect wait.
 *
 * <p>When it fetches: once at {@link #start()} (unless the saved copy is still fresh by its {@code max-age}); then
 * every {@code refresh.intervalMillis} (±10 %, never before {@code max-age} runs out); and on
 * {@link #refreshForReconnect()} at most once per reconnect burst, at most once a minute, never while the last
 * answer is fresh by {@code max-age}, and never while backing off after failures. After a failure (no answer, an
 * HTTP error, a rejected document) it backs off on its own ({@link RetryPolicy#CONFIG_FETCH}: 30 s, 1, 2, 4 … minutes
 * up to an hour, the second half of each wait jittered, by the shared {@link RetryPlanner}), longer if the server says
 * {@code Retry-After}. A rejected document never replaces the one in force.
 *
 * <p>Threading: every state change happens on the given scheduler, and listeners are called there. The getters may be
 * called from any thread.
 */
public final class RetryConfigService implements AutoCloseable {
    /** Reconnect bursts fetch at most this often, however often the link flaps. */
    public static final long MIN_RECONNECT_FETCH_GAP_MILLIS = 60_000;
    /** The first wait after a failed fetch; it doubles with each further failure. */
    public static final long FAILURE_BACKOFF_BASE_MILLIS = 30_000;
    /** The longest wait after failed fetches. */
    public static final long FAILURE_BACKOFF_CAP_MILLIS = 3_600_000;
    /** A {@code max-age} longer than this is shortened to it: a day-old config is refreshed regardless. */
    public static final long MAX_FRESHNESS_MILLIS = 86_400_000;

    private static final Logger LOG = LoggerFactory.getLogger(RetryConfigService.class);
    private static final long NEVER = Long.MIN_VALUE / 2;

    private final RetryConfigFetcher fetcher;
    private final KeyValueStore store;
    private final Scheduler scheduler;
    private final Random random;
    private final RetryConfigParser parser = new RetryConfigParser();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<RetryConfigListener> listeners = new CopyOnWriteArrayList<>();

    private volatile InForce inForce;
    private volatile boolean closed;

    // Touched only on the scheduler thread (after construction).
    private boolean started;
    private boolean fetchInFlight;
    private boolean refreshedInThisBurst;
    private long lastReconnectFetchAt = NEVER;
    private long freshUntil = NEVER;
    private long backingOffUntil = NEVER;
    private int consecutiveFailures;
    private final Retries fetchRetries;
    private Scheduler.Cancellable nextRefresh;

    /** Loads the saved copy for the fetcher's location (or falls back to the built-in defaults); no network yet. */
    public RetryConfigService(RetryConfigFetcher fetcher, KeyValueStore store, Scheduler scheduler) {
        this(fetcher, store, scheduler, new Random());
    }

    RetryConfigService(RetryConfigFetcher fetcher, KeyValueStore store, Scheduler scheduler, Random random) {
        this.fetcher = fetcher;
        this.store = store;
        this.scheduler = scheduler;
        this.random = random;
        this.fetchRetries = new Retries(RetryPolicy.CONFIG_FETCH, new RetryPlanner(random::nextDouble));
        this.inForce = loadSaved();
    }

    /** The effective parameters for the account (its cohort applied, within hard limits). Cheap; any thread. */
    public RetryConfig configFor(String bareJid) {
        return inForce.document.configFor(bareJid);
    }

    /** The document in force. Any thread. */
    public RetryConfigDocument document() {
        return inForce.document;
    }

    /** Source, version, ETag, fetch time and last error, for the UI. Any thread. */
    public RetryConfigStatus status() {
        return inForce.status;
    }

    public void addListener(RetryConfigListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RetryConfigListener listener) {
        listeners.remove(listener);
    }

    /** Begins fetching: now, unless the saved copy is still fresh; then on the schedule. */
    public void start() {
        scheduler.execute(() -> {
            if (started || closed) {
                return;
            }
            started = true;
            long freshFor = freshUntil - scheduler.monotonicMillis();
            if (freshFor > 0) {
                scheduleRefresh(freshFor);
            } else {
                fetch("start");
            }
        });
    }

    /** Fetches now, whatever the schedule says (unless a fetch is under way): for a "check now" button. */
    public void refresh() {
        scheduler.execute(() -> fetch("requested"));
    }

    /**
     * Called when a reconnect burst begins or goes on: fetches at most once per burst and within the rate limits
     * (see the class comment), so that an operator's fix reaches clients that are already struggling.
     */
    public void refreshForReconnect() {
        scheduler.execute(() -> {
            String reason = reasonToSkipReconnectFetch();
            if (reason != null) {
                LOG.debug("Not fetching the retry config for this reconnect: {}", reason);
                return;
            }
            refreshedInThisBurst = true;
            lastReconnectFetchAt = scheduler.monotonicMillis();
            fetch("reconnect");
        });
    }

    /** A session is established again: the reconnect burst is over, the next one may fetch again. */
    public void sessionEstablished() {
        scheduler.execute(() -> refreshedInThisBurst = false);
    }

    /** Stops the schedule; a fetch under way is ignored when it completes. */
    @Override
    public void close() {
        closed = true;
        scheduler.execute(this::cancelScheduledRefresh);
    }

    private String reasonToSkipReconnectFetch() {
        long now = scheduler.monotonicMillis();
        if (closed) {
            return "closed";
        }
        if (fetchInFlight) {
            return "a fetch is already under way";
        }
        if (refreshedInThisBurst) {
            return "already fetched once in this reconnect burst";
        }
        if (now < freshUntil) {
            return "the last answer is still fresh (Cache-Control max-age)";
        }
        if (now < lastReconnectFetchAt + MIN_RECONNECT_FETCH_GAP_MILLIS) {
            return "fetched for a reconnect less than a minute ago";
        }
        if (now < backingOffUntil) {
            return "backing off after " + consecutiveFailures + " failed fetches";
        }
        return null;
    }

    private void fetch(String why) {
        if (closed || fetchInFlight) {
            return;
        }
        fetchInFlight = true;
        cancelScheduledRefresh();
        InForce current = inForce;
        String etag = current.body != null ? current.status.etag() : null;
        LOG.debug("Fetching the retry config from {} ({}), If-None-Match {}", fetcher.location(), why, etag);
        try {
            fetcher.fetch(etag, result -> scheduler.execute(() -> onFetched(result)));
        } catch (RuntimeException e) {
            onFetched(FetchResult.failed("fetching the config from " + fetcher.location() + " failed: " + e, -1));
        }
    }

    private void onFetched(FetchResult result) {
        fetchInFlight = false;
        if (closed) {
            return;
        }
        switch (result.kind()) {
            case DOCUMENT:
                applyDocument(result);
                break;
            case NOT_MODIFIED:
                confirmUnchanged(result);
                break;
            default:
                failed(result.message(), result.retryAfterMillis());
        }
    }

    private void applyDocument(FetchResult result) {
        RetryConfigParser.Result parsed;
        try {
            parsed = parser.parseWithNotes(result.body());
        } catch (InvalidRetryConfigException e) {
            failed("the config at " + fetcher.location() + " was not applied, the previous one stays in force. "
                    + e.getMessage(), -1);
            return;
        }
        long now = scheduler.currentTimeMillis();
        boolean changed = !result.body().equals(inForce.body);
        SavedRetryConfig saved = new SavedRetryConfig(result.body(), result.etag(), now, result.maxAgeMillis());
        inForce = new InForce(parsed.document(), result.body(), new RetryConfigStatus(RetryConfigStatus.Source.REMOTE,
                fetcher.location(), parsed.document().version(), result.etag(), now, null, -1, 0,
                parsed.ignoredFields()));
        save(saved);
        succeeded(result.maxAgeMillis());
        LOG.info("Retry config {} from {} is in force{}", parsed.document().version(), fetcher.location(),
                changed ? "" : " (unchanged)");
        notifyListeners(changed);
    }

    private void confirmUnchanged(FetchResult result) {
        InForce current = inForce;
        if (current.body == null) {
            failed("the config server answered 304 Not Modified, but there was no document to confirm", -1);
            return;
        }
        long now = scheduler.currentTimeMillis();
        RetryConfigStatus old = current.status;
        inForce = new InForce(current.document, current.body, new RetryConfigStatus(RetryConfigStatus.Source.REMOTE,
                old.location(), old.version(), old.etag(), now, null, -1, 0, old.ignoredFields()));
        save(new SavedRetryConfig(current.body, old.etag(), now, result.maxAgeMillis()));
        succeeded(result.maxAgeMillis());
        notifyListeners(false);
    }

    private void succeeded(long maxAgeMillis) {
        long now = scheduler.monotonicMillis();
        consecutiveFailures = 0;
        fetchRetries.reset();
        backingOffUntil = NEVER;
        long freshness = Math.min(maxAgeMillis, MAX_FRESHNESS_MILLIS);
        freshUntil = maxAgeMillis >= 0 ? now + freshness : NEVER;
        long interval = Math.max(inForce.document.baseConfig().refreshIntervalMillis(), freshness);
        scheduleRefresh(Math.round(interval * (0.9 + 0.2 * random.nextDouble())));
    }

    private void failed(String message, long retryAfterMillis) {
        consecutiveFailures++;
        long delay = fetchRetries.next(RetryCause.BACKOFF, retryAfterMillis).millis();
        backingOffUntil = scheduler.monotonicMillis() + delay;
        inForce = inForce.withError(message, scheduler.currentTimeMillis(), consecutiveFailures);
        LOG.warn("Retry config fetch failed ({} in a row, next try in {} s): {}", consecutiveFailures, delay / 1000,
                message);
        scheduleRefresh(delay);
        notifyListeners(false);
    }

    private void scheduleRefresh(long delayMillis) {
        cancelScheduledRefresh();
        nextRefresh = scheduler.schedule(() -> {
            nextRefresh = null;
            fetch("scheduled");
        }, delayMillis);
    }

    private void cancelScheduledRefresh() {
        if (nextRefresh != null) {
            nextRefresh.cancel();
            nextRefresh = null;
        }
    }

    private void save(SavedRetryConfig saved) {
        try {
            saved.save(store, fetcher.location(), mapper);
        } catch (RuntimeException e) {
            // The document is still applied; only the next start-up would miss it.
            LOG.warn("Could not save the retry config for the next start", e);
        }
    }

    private void notifyListeners(boolean configChanged) {
        RetryConfigStatus status = inForce.status;
        for (RetryConfigListener listener : listeners) {
            try {
                if (configChanged) {
                    listener.retryConfigChanged(status);
                } else {
                    listener.retryConfigStatusChanged(status);
                }
            } catch (RuntimeException e) {
                LOG.warn("A retry config listener failed", e);
            }
        }
    }

    private InForce loadSaved() {
        String location = fetcher.location();
        SavedRetryConfig saved;
        try {
            saved = SavedRetryConfig.load(store, location, mapper);
        } catch (IOException | RuntimeException e) {
            return InForce.builtin(location, "the saved retry config could not be read (" + e.getMessage()
                    + "); the built-in defaults are in force", scheduler.currentTimeMillis());
        }
        if (saved == null) {
            return InForce.builtin(location, null, -1);
        }
        RetryConfigParser.Result parsed;
        try {
            parsed = parser.parseWithNotes(saved.body);
        } catch (InvalidRetryConfigException e) {
            return InForce.builtin(location, "the saved retry config is not valid any more, the built-in defaults "
                    + "are in force. " + e.getMessage(), scheduler.currentTimeMillis());
        }
        if (saved.maxAgeMillis >= 0 && saved.fetchedAtMillis >= 0) {
            long freshFor = saved.fetchedAtMillis + Math.min(saved.maxAgeMillis, MAX_FRESHNESS_MILLIS)
                    - scheduler.currentTimeMillis();
            if (freshFor > 0) {
                freshUntil = scheduler.monotonicMillis() + freshFor;
            }
        }
        return new InForce(parsed.document(), saved.body, new RetryConfigStatus(RetryConfigStatus.Source.PERSISTED,
                location, parsed.document().version(), saved.etag, saved.fetchedAtMillis, null, -1, 0,
                parsed.ignoredFields()));
    }

    /** The document in force, its exact body (null for the built-in one) and its status: swapped as one. */
    private static final class InForce {
        final RetryConfigDocument document;
        final String body;
        final RetryConfigStatus status;

        InForce(RetryConfigDocument document, String body, RetryConfigStatus status) {
            this.document = document;
            this.body = body;
            this.status = status;
        }

        static InForce builtin(String location, String error, long errorAtMillis) {
            RetryConfigDocument document = RetryConfigDocument.builtin();
            return new InForce(document, null, new RetryConfigStatus(RetryConfigStatus.Source.BUILTIN, location,
                    document.version(), null, -1, error, errorAtMillis, 0, Collections.<String>emptyList()));
        }

        InForce withError(String error, long atMillis, int failures) {
            return new InForce(document, body, status.withError(error, atMillis, failures));
        }
    }
}
