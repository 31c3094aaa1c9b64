package dev.jitterbug.reconnect;

import dev.jitterbug.Failure;

/**
 * The reconnector's view of "get me a session": one attempt at a time, each ending in exactly one callback.
 * The real implementation resumes the previous XEP-0198 session when it can and logs in afresh otherwise; the
 * storm simulator and the unit tests substitute their own.
 */
public interface SessionConnector {
    /**
     * Starts one attempt. Callbacks may arrive on any thread; the reconnector moves them onto its scheduler.
     *
     * @param redirect where {@code see-other-host} sent us (a host or URI), or {@code null} for the usual endpoint
     */
    void connect(String redirect, Callback callback);

    /**
     * Starts one attempt that, with {@code resumeOnly}, only resumes the session that was just lost: if the server no
     * longer has it, the attempt ends with {@link dev.jitterbug.Failure.Kind#RESUME_REFUSED} instead of logging in
     * (a full login costs the server far more, so the reconnector spreads it first). Connectors that cannot tell
     * the two apart start a plain attempt.
     */
    default void connect(String redirect, boolean resumeOnly, Callback callback) {
        connect(redirect, callback);
    }

    /** Abandons the attempt in progress, if any (its callback is then not delivered). */
    void abort();

    /** The outcome of one attempt. */
    interface Callback {
        /** A session is established: bound ({@code resumed == false}) or resumed. */
        void established(boolean resumed);

        /** The attempt failed. */
        void failed(Failure failure);
    }
}
