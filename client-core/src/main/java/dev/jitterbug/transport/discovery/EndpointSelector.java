package dev.jitterbug.transport.discovery;

import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.TransportKind;
import dev.jitterbug.platform.Clock;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportType;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chooses where each connection attempt goes, and says why ({@link Endpoint#reason()}).
 *
 * <ul>
 *   <li>A configured address wins; otherwise the links the domain publishes (XEP-0156) are used, secure ones first.
 *   <li>Discovery runs at most once per reconnect burst: its result is kept until a session is established, and the
 *       next burst fetches once more (keeping the old links if that fetch fails). A failed fetch with nothing
 *       cached is retried by the next attempt, which the reconnector's backoff already paces.
 *   <li>With automatic transport choice, the transports are tried in {@link TransportTypes}' order of preference
 *       (WebSocket, then BOSH). When one fails before the server opened the stream (a proxy that strips
 *       {@code Upgrade}, a dead link), the next attempt uses the next one the domain publishes; it stays there for
 *       {@link #RETRY_PREFERRED_AFTER_MILLIS}, unless the last resort fails the same way too (then the server, not
 *       the path, is the problem and the preferred transport is tried again).
 * </ul>
 *
 * Thread-safe: attempts run on a worker thread, transport events arrive on network threads.
 */
public final class EndpointSelector {
    /** How long a failure before the stream opened keeps the selector off a transport before trying it again. */
    public static final long RETRY_PREFERRED_AFTER_MILLIS = 60 * 60 * 1000L;

    private final URI configured;
    /** The one transport allowed, or null for automatic choice. */
    private final TransportKind only;
    private final HostMetaFetcher fetcher;
    private final Clock clock;

    private HostMetaLinks links;
    private boolean refreshDue = true;
    private String staleNote;
    private final Map<TransportKind, FailedAt> failures = new EnumMap<>(TransportKind.class);
    private int fetches;

    public EndpointSelector(URI configured, TransportKind only, HostMetaFetcher fetcher, Clock clock) {
        this.configured = configured;
        this.only = only;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** The endpoint for the next attempt. */
    public synchronized Endpoint choose() throws DiscoveryException {
        if (configured != null) {
            return TransportTypes.endpoint(configured, "configured");
        }
        HostMetaLinks found = discovered();
        String where = "discovered via " + found.source() + (staleNote != null ? " (" + staleNote + ")" : "");
        if (only != null) {
            List<URI> allowed = found.links(only);
            if (allowed.isEmpty()) {
                throw unavailable(found, only.label(), "only " + only.label() + " is allowed in the settings");
            }
            return endpoint(allowed.get(0), where + "; " + only.label() + " chosen in the settings");
        }
        FailedAt skipped = null;
        Endpoint lastResort = null;
        StringBuilder missing = new StringBuilder();
        for (TransportType type : TransportTypes.all()) {
            List<URI> published = found.links(type.kind());
            if (published.isEmpty()) {
                missing.append(missing.length() == 0 ? "" : " or ").append(type.kind().label());
                continue;
            }
            URI link = published.get(0);
            String why = missing.length() == 0 ? where + "; " + type.kind().label() + " preferred"
                    : where + "; no " + missing + " endpoint published";
            if (lastResort == null) {
                lastResort = endpoint(link, why);
            }
            FailedAt failed = failedRecently(type.kind(), link);
            if (failed == null) {
                return skipped == null ? endpoint(link, why)
                        : endpoint(link, "fallback to " + type.kind().label() + ", " + where + ": "
                                + skipped.kind.label() + " at " + skipped.uri + " failed (" + skipped.failure.message()
                                + ")");
            }
            if (skipped == null) {
                skipped = failed;
            }
        }
        if (lastResort == null) {
            throw new DiscoveryException(Failure.of(Failure.Kind.UNKNOWN_HOST, found.source()
                    + " publishes no endpoint this client can use."));
        }
        return lastResort; // everything failed lately: the preferred one again
    }

    /**
     * The transport for an attempt to {@code chosen}, watched so this selector learns whether it worked. With
     * automatic choice and discovered links, a transport that fails before the stream opens is replaced within the
     * same attempt by what {@link #choose()} then offers (the next transport); {@code switchedTo} hears of it.
     */
    public Transport transportFor(Endpoint chosen, TransportFactory factory, Consumer<Endpoint> switchedTo) {
        Transport watched = watch(chosen, factory.create(chosen));
        if (configured != null || only != null || isLastResort(chosen.kind())) {
            return watched;
        }
        return new FallbackTransport(watched, () -> {
            Endpoint next;
            try {
                next = choose();
            } catch (DiscoveryException e) {
                return null;
            }
            if (next.kind() == chosen.kind()) {
                return null;
            }
            switchedTo.accept(next);
            return watch(next, factory.create(next));
        });
    }

    /** Makes the transport for an endpoint. */
    public interface TransportFactory {
        Transport create(Endpoint endpoint);
    }

    /** A transport for {@code endpoint} reached the point where the server opened the stream: it works here. */
    public synchronized void streamOpened(Endpoint endpoint) {
        FailedAt failed = failures.get(endpoint.kind());
        if (failed != null && failed.uri.equals(endpoint.uri())) {
            failures.remove(endpoint.kind());
        }
    }

    /** A transport for {@code endpoint} ended before the server opened the stream. */
    public synchronized void failedBeforeOpen(Endpoint endpoint, Failure failure) {
        if (failure.kind() == Failure.Kind.LOCAL_CLOSE || configured != null) {
            return;
        }
        if (!isLastResort(endpoint.kind())) {
            failures.put(endpoint.kind(), new FailedAt(endpoint.kind(), endpoint.uri(), failure,
                    clock.monotonicMillis()));
        } else {
            // The last resort fails too: the server (not a path hostile to the preferred one) is the problem.
            failures.clear();
        }
    }

    /** A session is up: the burst is over, and the next one may look the links up once more. */
    public synchronized void sessionEstablished() {
        refreshDue = true;
    }

    /** How many times discovery was fetched (diagnostics, tests). */
    public synchronized int fetches() {
        return fetches;
    }

    Transport watch(Endpoint endpoint, Transport transport) {
        return new WatchedTransport(transport, endpoint, this);
    }

    private static Endpoint endpoint(URI link, String reason) {
        return TransportTypes.endpoint(link, reason);
    }

    private static boolean isLastResort(TransportKind kind) {
        List<TransportType> all = TransportTypes.all();
        return all.get(all.size() - 1).kind() == kind;
    }

    private HostMetaLinks discovered() throws DiscoveryException {
        if (!refreshDue && links != null) {
            return links;
        }
        refreshDue = false;
        fetches++;
        try {
            links = fetcher.fetch();
            staleNote = null;
        } catch (DiscoveryException e) {
            if (links == null) {
                refreshDue = true; // nothing to fall back on: the next attempt asks again
                throw e;
            }
            staleNote = "kept from an earlier lookup; the latest failed";
        }
        return links;
    }

    private FailedAt failedRecently(TransportKind kind, URI link) {
        FailedAt failed = failures.get(kind);
        if (failed == null || !failed.uri.equals(link)) {
            return null;
        }
        if (clock.monotonicMillis() - failed.atMillis >= RETRY_PREFERRED_AFTER_MILLIS) {
            failures.remove(kind);
            return null;
        }
        return failed;
    }

    private static DiscoveryException unavailable(HostMetaLinks found, String transport, String why) {
        return new DiscoveryException(Failure.of(Failure.Kind.UNKNOWN_HOST, found.source() + " publishes no "
                + transport + " endpoint, and " + why + "."));
    }

    /** A transport that failed before its stream opened, and when. */
    private static final class FailedAt {
        final TransportKind kind;
        final URI uri;
        final Failure failure;
        final long atMillis;

        FailedAt(TransportKind kind, URI uri, Failure failure, long atMillis) {
            this.kind = kind;
            this.uri = uri;
            this.failure = failure;
            this.atMillis = atMillis;
        }
    }
}
