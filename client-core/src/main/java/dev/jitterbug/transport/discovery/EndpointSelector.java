package dev.jitterbug.transport.discovery;

import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.platform.Clock;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.TransportKind;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Chooses where each connection attempt goes, and says why ({@link Endpoint#reason()}).
 *
 * <ul>
 *   <li>A configured address wins; otherwise the links the domain publishes (XEP-0156) are used, secure ones first.
 *   <li>Discovery runs at most once per reconnect burst: its result is kept until a session is established, and the
 *       next burst fetches once more (keeping the old links if that fetch fails). A failed fetch with nothing
 *       cached is retried by the next attempt, which the reconnector's backoff already paces.
 *   <li>With automatic transport choice, WebSocket is preferred. When a WebSocket transport fails before the
 *       server opened the stream (a proxy that strips {@code Upgrade}, a dead link), the next attempt uses BOSH; it
 *       stays on BOSH for {@link #WEBSOCKET_RETRY_AFTER_MILLIS}, unless BOSH fails the same way too.
 * </ul>
 *
 * Thread-safe: attempts run on a worker thread, transport events arrive on network threads.
 */
public final class EndpointSelector {
    /** How long a WebSocket failure keeps the selector on BOSH before WebSocket is tried again. */
    public static final long WEBSOCKET_RETRY_AFTER_MILLIS = 60 * 60 * 1000L;

    private final URI configured;
    /** The one transport allowed, or null for automatic (WebSocket, falling back to BOSH). */
    private final TransportKind only;
    private final HostMetaFetcher fetcher;
    private final Clock clock;

    private HostMetaLinks links;
    private boolean refreshDue = true;
    private String staleNote;
    private Failure webSocketFailure;
    private URI failedWebSocket;
    private long webSocketFailedAt;
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
            return Endpoint.fromUri(configured, "configured");
        }
        HostMetaLinks found = discovered();
        String where = "discovered via " + found.source() + (staleNote != null ? " (" + staleNote + ")" : "");
        URI webSocket = found.webSocket().isEmpty() ? null : found.webSocket().get(0);
        URI bosh = found.bosh().isEmpty() ? null : found.bosh().get(0);
        if (only == TransportKind.WEBSOCKET) {
            if (webSocket == null) {
                throw unavailable(found, "WebSocket", "only WebSocket is allowed in the settings");
            }
            return new Endpoint(webSocket, TransportKind.WEBSOCKET, where);
        }
        if (only == TransportKind.BOSH) {
            if (bosh == null) {
                throw unavailable(found, "BOSH", "only BOSH is allowed in the settings");
            }
            return new Endpoint(bosh, TransportKind.BOSH, where + "; BOSH chosen in the settings");
        }
        if (webSocket != null && (bosh == null || !webSocketFailedRecently(webSocket))) {
            return new Endpoint(webSocket, TransportKind.WEBSOCKET, where + "; WebSocket preferred");
        }
        if (webSocket == null) {
            return new Endpoint(bosh, TransportKind.BOSH, where + "; no WebSocket endpoint published");
        }
        return new Endpoint(bosh, TransportKind.BOSH, "fallback to BOSH, " + where + ": WebSocket at "
                + failedWebSocket + " failed (" + webSocketFailure.message() + ")");
    }

    /** Wraps a transport so that this selector learns whether {@code endpoint} worked. */
    Transport watch(Endpoint endpoint, Transport transport) {
        return new WatchedTransport(transport, endpoint, this);
    }

    /**
     * The transport for an attempt to {@code chosen}, watched so this selector learns whether it worked. With
     * automatic transport choice and discovered links, a WebSocket that fails before the stream opens is
     * replaced within the same attempt by what {@link #choose()} then offers (BOSH); {@code switchedTo} hears of it.
     */
    public Transport transportFor(Endpoint chosen, TransportFactory factory, Consumer<Endpoint> switchedTo) {
        Transport watched = watch(chosen, factory.create(chosen));
        if (configured != null || only != null
                || chosen.kind() != TransportKind.WEBSOCKET) {
            return watched;
        }
        return new FallbackTransport(watched, () -> {
            Endpoint next;
            try {
                next = choose();
            } catch (DiscoveryException e) {
                return null;
            }
            if (next.kind() != TransportKind.BOSH) {
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
        if (endpoint.kind() == TransportKind.WEBSOCKET && endpoint.uri().equals(failedWebSocket)) {
            forgetWebSocketFailure();
        }
    }

    /** A transport for {@code endpoint} ended before the server opened the stream. */
    public synchronized void failedBeforeOpen(Endpoint endpoint, Failure failure) {
        if (failure.kind() == Failure.Kind.LOCAL_CLOSE || configured != null) {
            return;
        }
        if (endpoint.kind() == TransportKind.WEBSOCKET) {
            webSocketFailure = failure;
            failedWebSocket = endpoint.uri();
            webSocketFailedAt = clock.monotonicMillis();
        } else if (webSocketFailure != null) {
            // BOSH fails too: the server (not a WebSocket-hostile proxy) is the problem; prefer WebSocket again.
            forgetWebSocketFailure();
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

    private boolean webSocketFailedRecently(URI webSocket) {
        if (webSocketFailure == null || !webSocket.equals(failedWebSocket)) {
            return false;
        }
        if (clock.monotonicMillis() - webSocketFailedAt >= WEBSOCKET_RETRY_AFTER_MILLIS) {
            forgetWebSocketFailure();
            return false;
        }
        return true;
    }

    private void forgetWebSocketFailure() {
        webSocketFailure = null;
        failedWebSocket = null;
    }

    private static DiscoveryException unavailable(HostMetaLinks found, String transport, String why) {
        return new DiscoveryException(Failure.of(Failure.Kind.UNKNOWN_HOST, found.source() + " publishes no "
                + transport + " endpoint, and " + why + "."));
    }
}
