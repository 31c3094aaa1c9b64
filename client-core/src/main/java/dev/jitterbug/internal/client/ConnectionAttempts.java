package dev.jitterbug.internal.client;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.reconnect.SessionConnector;
import dev.jitterbug.session.FeatureHints;
import dev.jitterbug.session.LiveSessionConnector;
import dev.jitterbug.session.LoginRequest;
import dev.jitterbug.session.NegotiationException;
import dev.jitterbug.session.SessionNegotiator;
import dev.jitterbug.session.StreamManagement;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.discovery.TransportTypes;
import dev.jitterbug.transport.discovery.DiscoveryException;
import dev.jitterbug.transport.discovery.EndpointSelector;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

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
    private final char[] password;
    private final ClientResources resources;
    private final EndpointSelector endpoints;
    private final StreamManagement sm;
    private final Supplier<RetryConfig> retryConfig;
    private final Function<SessionNegotiator.Result, Failure> install;
    private final KeptScramKeys scramKeys;
    private volatile Endpoint endpoint;
    /** This client's token for a balancer's stickiness (random, so it says nothing about the account or device). */
    private final String routeToken = StickyRoute.newToken();

    /**
     * @param install installs a negotiated session on the event thread; returns why it failed at once, or null
     */
    ConnectionAttempts(ClientOptions options, char[] password, ClientResources resources, StreamManagement sm,
            Supplier<RetryConfig> retryConfig, Function<SessionNegotiator.Result, Failure> install) {
        this.options = options;
        this.password = password;
        this.resources = resources;
        this.endpoints = resources.endpoints();
        this.sm = sm;
        this.retryConfig = retryConfig;
        this.install = install;
        this.scramKeys = new KeptScramKeys(options.secrets(), options.jid().toString());
    }

    /** The endpoint of the current or last attempt, with why it was chosen; null before the first. */
    Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public Transport transport(String redirect) throws NegotiationException {
        Endpoint chosen = chooseEndpoint(redirect);
        endpoint = chosen;
        return endpoints.transportFor(chosen, this::newTransport, fallback -> endpoint = fallback);
    }

    private Transport newTransport(Endpoint chosen) {
        RetryConfig config = retryConfig.get();
        URI uri = config.stickyRoute() ? StickyRoute.addTo(chosen.uri(), routeToken) : chosen.uri();
        return TransportTypes.of(chosen.kind()).create(uri, resources.transportContext(config));
    }

    @Override
    public LoginRequest request() {
        Endpoint chosen = endpoint;
        boolean plainAllowed = chosen.isSecure() || (options.insecurePlainAuthOnLoopback() && chosen.isLoopback());
        return LoginRequest.builder(options.jid().domain(), options.jid().local(), password)
                .resource(options.resource() != null ? options.resource()
                        : "jitterbug-" + resources.deviceId().substring(0, 8))
                .userAgentId(resources.deviceId())
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
                .scramKeys(scramKeys)
                .build();
    }

    /** Whether the next attempt could resume the last session (it enabled resumption, and resuming works here). */
    boolean canResume() {
        Endpoint last = endpoint;
        return sm.canResume() && retryConfig.get().resumptionEnabled()
                && (last == null || options.store().get(RESUME_BROKEN_KEY + last.kind()) == null);
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
        resources.scheduler().execute(() -> {
            Failure failure = install.apply(result);
            if (failure == null) {
                callback.established(result.established().resumed());
            } else {
                callback.failed(failure);
            }
        });
    }

    /** The usual endpoint, or where see-other-host sent us; the selector refuses what may not be used. */
    private Endpoint chooseEndpoint(String redirect) throws NegotiationException {
        try {
            return redirect == null ? endpoints.choose() : endpoints.redirected(redirect);
        } catch (DiscoveryException e) {
            throw new NegotiationException(e.failure());
        }
    }
}
