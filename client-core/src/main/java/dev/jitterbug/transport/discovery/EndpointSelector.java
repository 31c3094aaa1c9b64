package dev.jitterbug.transport.discovery;

import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.TransportKind;
import dev.jitterbug.platform.Clock;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chooses where each connection attempt goes, and says why ({@link Endpoint#reason()}).
 *
 * <ul>
 *   <li>A configured address wins; otherwise the links the domain publishes (XEP-0156) are used, secure ones first.
 *   <li>Every endpoint it hands out (configured, discovered, a fallback, a redirect) passes the {@link PlainTextRule}:
 *       an unencrypted address for another host is refused with a {@link Failure.Kind#TLS} failure, and a
 *       published one is never tried, not even as a fallback, unless the account allows unencrypted connections.
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
    private final PlainTextRule plainText;
    private final HostMetaFetcher fetcher;
    private final Clock clock;

    private HostMetaLinks links;
    private boolean refreshDue = true;
    private String staleNote;
    private final Map<TransportKind, FailedAt> failures = new EnumMap<>(TransportKind.class);
    private int fetches;

    public EndpointSelector(URI configured, TransportKind only, PlainTextRule plainText, HostMetaFetcher fetcher,
            Clock clock) {
        this.configured = configured;
        this.only = only;
        this.plainText = plainText;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** The endpoint for the next attempt. */
    public synchronized Endpoint choose() throws DiscoveryException {
        if (configured != null) {
            Endpoint endpoint = TransportTypes.endpoint(configured, "configured");
            if (!plainText.permits(endpoint)) {
                throw new DiscoveryException(plainText.refusal(endpoint));
            }
            return endpoint;
        }
        HostMetaLinks found = discovered();
        String where = "discovered via " + found.source() + (staleNote != null ? " (" + staleNote + ")" : "");
        List<URI> refused = refusedLinks(found);
        String unused = refused.isEmpty() ? "" : "; not used without encryption: " + PlainTextRule.list(refused);
        if (only != null) {
            List<URI> allowed = usableLinks(found, only);
            if (allowed.isEmpty() && !refused.isEmpty()) {
                throw new DiscoveryException(plainText.publishedRefusal(found.source(), only, refused));
            }
            if (allowed.isEmpty()) {
                throw unavailable(found, only.label(), "only " + only.label() + " is allowed in the settings");
            }
            return endpoint(allowed.get(0), where + "; " + only.label() + " chosen in the settings" + unused);
        }
        FailedAt skipped = null;
        Endpoint lastResort = null;
        StringBuilder missing = new StringBuilder();
        for (TransportType type : TransportTypes.all()) {
            List<URI> published = usableLinks(found, type.kind());
            if (published.isEmpty()) {
                missing.append(missing.length() == 0 ? "" : " or ").append(type.kind().label());
                continue;
            }
            URI link = published.get(0);
            String why = missing.length() == 0 ? where + "; " + type.kind().label() + " preferred"
                    : where + "; no " + missing + " endpoint published";
            if (lastResort == null) {
                lastResort = endpoint(link, why + unused);
            }
            FailedAt failed = failedRecently(type.kind(), link);
            if (failed == null) {
                return skipped == null ? endpoint(link, why + unused)
                        : endpoint(link, "fallback to " + type.kind().label() + ", " + where + ": "
                                + skipped.kind.label() + " at " + skipped.uri + " failed (" + skipped.failure.message()
                                + ")" + unused);
            }
            if (skipped == null) {
                skipped = failed;
            }
        }
        if (lastResort == null && !refused.isEmpty()) {
            throw new DiscoveryException(plainText.publishedRefusal(found.source(), null, refused));
        }
        if (lastResort == null) {
            throw new DiscoveryException(Failure.of(Failure.Kind.UNKNOWN_HOST, found.source()
                    + " publishes no endpoint this client can use."));
        }
        return lastResort; // everything failed lately: the preferred one again
    }

    /**
     * Where see-other-host sends us instead of {@link #choose()}'s endpoint: a full ws(s)/http(s) URI (RFC 7395
     * see-other-uri), or a host[:port] that replaces the host of the usual endpoint. Never from an encrypted endpoint
     * to an unencrypted one, and never to an unencrypted address the {@link PlainTextRule} refuses.
     */
    public Endpoint redirected(String redirect) throws DiscoveryException {
        Endpoint usual = choose();
        Endpoint target;
        try {
            if (redirect.contains("://")) {
                target = TransportTypes.endpoint(URI.create(redirect), "redirected by the server");
            } else {
                URI base = usual.uri();
                int colon = redirect.lastIndexOf(':');
                String host = colon > 0 ? redirect.substring(0, colon) : redirect;
                int port = colon > 0 ? Integer.parseInt(redirect.substring(colon + 1)) : base.getPort();
                target = TransportTypes.endpoint(new URI(base.getScheme(), null, host, port, base.getPath(), null,
                        null), "redirected by the server");
            }
        } catch (IllegalArgumentException | URISyntaxException e) {
            throw new DiscoveryException(Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
                    "The server redirected us to an address that cannot be used: " + redirect));
        }
        if (usual.isSecure() && !target.isSecure()) {
            throw new DiscoveryException(Failure.of(Failure.Kind.TLS,
                    "The server redirected us to an unencrypted address (" + redirect + "); Jitterbug refuses."));
        }
        if (!plainText.permits(target)) {
            throw new DiscoveryException(plainText.redirectRefusal(target));
        }
        return target;
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
        if (!FallbackTransport.saysSomethingAboutTheTransport(failure) || configured != null) {
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

    /** The published links of one kind the rule lets this account use, in the document's order of preference. */
    private List<URI> usableLinks(HostMetaLinks found, TransportKind kind) {
        List<URI> usable = new ArrayList<>();
        for (URI link : found.links(kind)) {
            if (plainText.permits(endpoint(link, "published"))) {
                usable.add(link);
            }
        }
        return usable;
    }

    /** The published links (of the kind the settings allow, or of any) the rule refuses: never tried. */
    private List<URI> refusedLinks(HostMetaLinks found) {
        List<URI> refused = new ArrayList<>();
        for (TransportType type : TransportTypes.all()) {
            if (only == null || only == type.kind()) {
                for (URI link : found.links(type.kind())) {
                    if (!plainText.permits(endpoint(link, "published"))) {
                        refused.add(link);
                    }
                }
            }
        }
        return refused;
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
