package dev.jitterbug.config;

/**
 * Fetches the retry-config document from wherever the operator publishes it. Implementations never block the
 * calling thread: the callback arrives later, on a thread of the implementation's choosing, exactly once.
 */
public interface RetryConfigFetcher {
    /** Where the document comes from (shown in the UI and used as the key of the saved copy). */
    String location();

    /**
     * Starts one fetch.
     *
     * @param ifNoneMatch the ETag of the document in force, or {@code null}; a match yields {@link FetchResult.Kind#NOT_MODIFIED}
     */
    void fetch(String ifNoneMatch, Callback callback);

    /** Receives the outcome of one fetch. */
    interface Callback {
        void done(FetchResult result);
    }
}
