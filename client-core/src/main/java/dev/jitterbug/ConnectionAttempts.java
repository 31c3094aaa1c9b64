package dev.jitterbug;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.SessionConnector;
import dev.jitterbug.session.FeatureHints;
import dev.jitterbug.session.LiveSessionConnector;
import dev.jitterbug.session.LoginRequest;
import dev.jitterbug.session.NegotiationException;
import dev.jitterbug.session.SessionNegotiator;
import dev.jitterbug.session.StreamManagement;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.bosh.BoshTransport;
import dev.jitterbug.transport.discovery.DiscoveryException;
import dev.jitterbug.transport.discovery.EndpointSelector;
import dev.jitterbug.transport.websocket.WebSocketTransport;
import dev.jitterbug.xml.XmlLimits;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Supplies each connection attempt of one client: the endpoint and its transport, the login request built from
 * the retry config and what earlier sessions learnt about the server, and the hand-off of a negotiated session to
 * the client's event thread. Runs on the login worker thread.
 */
final class ConnectionAttempts implements LiveSessionConnector.AttemptFactory {
    /** What the last session learnt about the server's features, so the next login can pipeline. */
    static final String HINTS_KEY = "feature-hints";
    private static final String SASL2_BROKEN_KEY = "sasl2-unanswered-";
    private static final String RESUME_BROKEN_KEY = "resume-unanswered-";

    private final ClientOptions options;
    private final OkHttpClient http;
    private final Scheduler scheduler;
    private final EndpointSelector endpoints;
    private final StreamManagement sm;
    private final String deviceId;
    private final Supplier<RetryConfig> retryConfig;
    private final Function<SessionNegotiator.Result, Failure> install;
    private volatile Endpoint endpoint;

    /**
     * @param install installs a negotiated session on the event thread; returns why it failed at once, or null
     */
    ConnectionAttempts(ClientOptions options, OkHttpClient http, Scheduler scheduler, EndpointSelector endpoints,
            StreamManagement sm, String deviceId, Supplier<RetryConfig> retryConfig,
            Function<SessionNegotiator.Result, Failure> install) {
        this.options = options;
        this.http = http;
        this.scheduler = scheduler;
        this.endpoints = endpoints;
        this.sm = sm;
        this.deviceId = deviceId;
        this.retryConfig = retryConfig;
        this.install = install;
    }

    /** The endpoint of the current or last attempt, with why it was chosen; null before the first. */
    Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public Transport transport(String redirect) throws NegotiationException {
        Endpoint chosen = redirect == null ? chooseEndpoint() : redirected(chooseEndpoint(), redirect);
        endpoint = chosen;
        return endpoints.transportFor(chosen, this::newTransport, fallback -> endpoint = fallback);
    }

    private Transport newTransport(Endpoint chosen) {
        if (chosen.kind() == TransportKind.WEBSOCKET) {
            // No WebSocket-level pings: Prosody 0.12.3 stops answering them on a connection that resumed a
            // session (the 10-minute soak showed a dead-link drop every two intervals after each resume).
            // The session's own probe (XEP-0198 <r/>, or XEP-0199 without stream management) watches the link
            // instead, the same way over WebSocket and BOSH.
            return new WebSocketTransport(http, chosen.uri().toString(), XmlLimits.DEFAULT, 0);
        }
        RetryConfig config = retryConfig.get();
        return new BoshTransport(http, chosen.uri().toString(), scheduler, XmlLimits.DEFAULT,
                config.boshWaitSeconds(), config.boshHold(), config.boshInitialPollDelayMillis());
    }

    @Override
    public LoginRequest request() {
        Endpoint chosen = endpoint;
        boolean plainAllowed = chosen.isSecure() || (options.insecurePlainAuthOnLoopback() && chosen.isLoopback());
        return LoginRequest.builder(options.jid().domain(), options.jid().local(), options.password())
                .resource(options.resource() != null ? options.resource() : "jitterbug-" + deviceId.substring(0, 8))
                .userAgentId(deviceId)
                .plainAllowed(plainAllowed)
                .preferSasl2(retryConfig.get().preferSasl2()
                        && options.store().get(SASL2_BROKEN_KEY + chosen.kind()) == null)
                .resumptionEnabled(retryConfig.get().resumptionEnabled()
                        && options.store().get(RESUME_BROKEN_KEY + chosen.kind()) == null)
                .timeoutMillis(retryConfig.get().connectTimeoutMillis())
                // Spotting a server that never answers SASL2 or a resume must leave time, within the same
                // attempt, for the plain login that follows (else every attempt times out the same way).
                .sasl2AnswerTimeoutMillis(Math.min(8_000, retryConfig.get().connectTimeoutMillis() / 3))
                .resumeAnswerTimeoutMillis(Math.min(5_000, retryConfig.get().connectTimeoutMillis() / 4))
                .hints(FeatureHints.decode(options.store().get(HINTS_KEY)))
                .build();
    }

    @Override
    public StreamManagement streamManagement() {
        return sm;
    }

    @Override
    public void resumptionUnusable(Transport transport) {
        options.store().put(RESUME_BROKEN_KEY + transport.kind(), "true");
    }

    @Override
    public void sasl2Unusable(Transport transport) {
        options.store().put(SASL2_BROKEN_KEY + transport.kind(), "true");
        options.store().put(HINTS_KEY, null);
    }

    @Override
    public void negotiated(SessionNegotiator.Result result, SessionConnector.Callback callback) {
        endpoints.sessionEstablished();
        scheduler.execute(() -> {
            Failure failure = install.apply(result);
            if (failure == null) {
                callback.established(result.established().resumed());
            } else {
                callback.failed(failure);
            }
        });
    }

    /**
     * Where see-other-host sends us: a full ws(s)/http(s) URI (RFC 7395 see-other-uri), or a host[:port] that
     * replaces the host of the usual endpoint. Never from an encrypted endpoint to an unencrypted one.
     */
    private Endpoint redirected(Endpoint usual, String redirect) throws NegotiationException {
        Endpoint target;
        try {
            if (redirect.contains("://")) {
                target = Endpoint.fromUri(java.net.URI.create(redirect), "redirected by the server");
            } else {
                java.net.URI base = usual.uri();
                int colon = redirect.lastIndexOf(':');
                String host = colon > 0 ? redirect.substring(0, colon) : redirect;
                int port = colon > 0 ? Integer.parseInt(redirect.substring(colon + 1)) : base.getPort();
                target = new Endpoint(new java.net.URI(base.getScheme(), null, host, port, base.getPath(), null,
                        null), usual.kind(), "redirected by the server");
            }
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            throw new NegotiationException(Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
                    "The server redirected us to an address that cannot be used: " + redirect));
        }
        if (usual.isSecure() && !target.isSecure()) {
            throw new NegotiationException(Failure.of(Failure.Kind.TLS,
                    "The server redirected us to an unencrypted address (" + redirect + "); Jitterbug refuses."));
        }
        return target;
    }

    private Endpoint chooseEndpoint() throws NegotiationException {
        try {
            return endpoints.choose();
        } catch (DiscoveryException e) {
            throw new NegotiationException(e.failure());
        }
    }
}
