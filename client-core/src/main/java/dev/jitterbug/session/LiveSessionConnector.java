package dev.jitterbug.session;

import dev.jitterbug.Failure;
import dev.jitterbug.reconnect.SessionConnector;
import dev.jitterbug.transport.Transport;
import java.util.concurrent.Executor;

/**
 * The real {@link SessionConnector}: opens a transport and negotiates (resume or login) on a worker thread, then
 * hands the result to the client. The blocking negotiation never runs on the client's event thread.
 */
public final class LiveSessionConnector implements SessionConnector {
    /** Builds what one attempt needs; called on the worker thread. */
    public interface AttemptFactory {
        /** The transport for this attempt ({@code redirect} from see-other-host, or null). */
        Transport transport(String redirect) throws NegotiationException;

        LoginRequest request();

        StreamManagement streamManagement();

        /** The server's SASL2 did not answer on this transport: remember to use classic SASL there. */
        void sasl2Unusable(Transport transport);

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
        int attempt = ++generation;
        worker.execute(() -> {
            Transport transport = null;
            try {
                transport = factory.transport(redirect);
                inFlight = transport;
                LoginRequest request = factory.request();
                SessionNegotiator.Result result;
                try {
                    result = negotiator.negotiate(transport, request, factory.streamManagement());
                } catch (NegotiationException e) {
                    if (!SessionNegotiator.SASL2_UNANSWERED.equals(e.failure().condition())) {
                        throw e;
                    }
                    // Same attempt, classic login on a fresh connection; later logins skip SASL2 here at once.
                    factory.sasl2Unusable(transport);
                    transport.abort();
                    transport = factory.transport(redirect);
                    inFlight = transport;
                    result = negotiator.negotiate(transport, request.withoutSasl2(), factory.streamManagement());
                }
                if (attempt != generation) {
                    transport.abort();
                    return;
                }
                factory.negotiated(result, callback);
            } catch (NegotiationException e) {
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
