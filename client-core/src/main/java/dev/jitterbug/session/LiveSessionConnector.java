package dev.jitterbug.session;

import dev.jitterbug.Failure;
import dev.jitterbug.reconnect.SessionConnector;
import dev.jitterbug.transport.IoFailures;
import dev.jitterbug.transport.Transport;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link SessionConnector}: opens a transport and negotiates (resume or login) on a worker thread, then
 * hands the result to the client. The blocking negotiation never runs on the client's event thread.
 */
public final class LiveSessionConnector implements SessionConnector {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSessionConnector.class);
    /** Builds what one attempt needs; called on the worker thread. */
    public interface AttemptFactory {
        /** The transport for this attempt ({@code redirect} from see-other-host, or null). */
        Transport transport(String redirect) throws NegotiationException;

        LoginRequest request();

        StreamManagement streamManagement();

        /** The server's SASL2 did not answer on this transport: remember to use classic SASL there. */
        default void sasl2Unusable(Transport transport) {
        }

        /** The server never answered a resume on this transport: remember not to try there. */
        default void resumptionUnusable(Transport transport) {
        }

        /** Called on the worker thread with the negotiated session, before the callback. */
        void negotiated(SessionNegotiator.Result result, Callback callback);
    }

    private final Executor worker;
    private final AttemptFactory factory;
    private final SessionNegotiator negotiator = new SessionNegotiator();
    private volatile Transport inFlight;
    private volatile int generation;

    public LiveSessionConnector(Executor worker, AttemptFactory factory) {
        this.worker = worker;
        this.factory = factory;
    }

    @Override
    public void connect(String redirect, Callback callback) {
        connect(redirect, false, callback);
    }

    @Override
    public void connect(String redirect, boolean resumeOnly, Callback callback) {
        int attempt = ++generation;
        worker.execute(() -> {
            Transport transport = null;
            try {
                transport = factory.transport(redirect);
                inFlight = transport;
                LoginRequest request = resumeOnly ? factory.request().resumeOnly() : factory.request();
                SessionNegotiator.Result result = null;
                // A server may advertise SASL2 or resumption and then never answer them (Prosody 0.12 over BOSH).
                // Each such dead end is noticed once, remembered, and skipped on a fresh connection within the
                // same attempt, so the user sees one slower login instead of a failure.
                for (int tries = 0; result == null; tries++) {
                    try {
                        result = negotiator.negotiate(transport, request, factory.streamManagement());
                    } catch (NegotiationException e) {
                        String condition = e.failure().condition();
                        if (tries >= 2) {
                            throw e;
                        } else if (SessionNegotiator.SASL2_UNANSWERED.equals(condition)) {
                            factory.sasl2Unusable(transport);
                            request = request.withoutSasl2();
                        } else if (SessionNegotiator.SCRAM_KEYS_STALE.equals(condition)) {
                            LOG.debug("attempt {}: kept SCRAM keys were refused; deriving them again", attempt);
                        } else if (SessionNegotiator.RESUME_UNANSWERED.equals(condition)) {
                            factory.resumptionUnusable(transport);
                            factory.streamManagement().forgetStream();
                            request = request.withoutResumption();
                        } else {
                            throw e;
                        }
                        LOG.debug("attempt {}: {}; retrying on a fresh connection", attempt, e.failure());
                        transport.abort();
                        transport = factory.transport(redirect);
                        inFlight = transport;
                    }
                }
                if (attempt != generation) {
                    LOG.debug("attempt {} finished after it was abandoned; dropping its session", attempt);
                    transport.abort();
                    return;
                }
                LOG.debug("attempt {} established (resumed={}, {} round trips)", attempt,
                        result.established().resumed(), result.established().roundTrips());
                factory.negotiated(result, callback);
            } catch (NegotiationException e) {
                LOG.debug("attempt {} failed: {}", attempt, e.failure());
                IoFailures.logCause("attempt " + attempt + " failed", e);
                if (transport != null) {
                    transport.abort();
                }
                if (attempt == generation) {
                    callback.failed(e.failure());
                }
            } catch (RuntimeException e) {
                if (transport != null) {
                    transport.abort();
                }
                if (attempt == generation) {
                    callback.failed(Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
                            "The login failed unexpectedly: " + e));
                }
            } finally {
                inFlight = null;
            }
        });
    }

    @Override
    public void abort() {
        generation++;
        Transport transport = inFlight;
        if (transport != null) {
            transport.abort();
        }
    }
}
