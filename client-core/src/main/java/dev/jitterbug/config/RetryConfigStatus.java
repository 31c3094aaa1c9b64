package dev.jitterbug.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the UI shows about the retry config in force: where it came from, which version, and the last problem. */
public final class RetryConfigStatus {
    /** Where the document in force came from. */
    public enum Source {
        /** No document was ever fetched: the built-in defaults. */
        BUILTIN,
        /** The copy saved after an earlier fetch, used at start-up before any network. */
        PERSISTED,
        /** Fetched (or confirmed unchanged) from the config server during this run. */
        REMOTE
    }

    private final Source source;
    private final String location;
    private final String version;
    private final String etag;
    private final long fetchedAtMillis;
    private final String lastError;
    private final long lastErrorAtMillis;
    private final int consecutiveFailures;
    private final List<String> ignoredFields;

    RetryConfigStatus(Source source, String location, String version, String etag, long fetchedAtMillis,
            String lastError, long lastErrorAtMillis, int consecutiveFailures, List<String> ignoredFields) {
        this.source = source;
        this.location = location;
        this.version = version;
        this.etag = etag;
        this.fetchedAtMillis = fetchedAtMillis;
        this.lastError = lastError;
        this.lastErrorAtMillis = lastErrorAtMillis;
        this.consecutiveFailures = consecutiveFailures;
        this.ignoredFields = Collections.unmodifiableList(new ArrayList<>(ignoredFields));
    }

    public Source source() {
        return source;
    }

    /** The URL the document is fetched from. */
    public String location() {
        return location;
    }

    /** The version label of the document in force ({@code builtin} for the defaults). */
    public String version() {
        return version;
    }

    /** The ETag of the document in force, or {@code null}. */
    public String etag() {
        return etag;
    }

    /** When the document in force was last fetched or confirmed (epoch millis), or -1 for the built-in one. */
    public long fetchedAtMillis() {
        return fetchedAtMillis;
    }

    /** Why the last fetch or the saved copy could not be used, in plain words, or {@code null} if all is well. */
    public String lastError() {
        return lastError;
    }

    /** When {@link #lastError()} happened (epoch millis), or -1. */
    public long lastErrorAtMillis() {
        return lastErrorAtMillis;
    }

    /** Failed fetches in a row (the config fetch backs off on its own as this grows). */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Fields of the document in force that this client does not know and ignored (typos show up here). */
    public List<String> ignoredFields() {
        return ignoredFields;
    }

    RetryConfigStatus withError(String error, long atMillis, int failures) {
        return new RetryConfigStatus(source, location, version, etag, fetchedAtMillis, error, atMillis, failures,
                ignoredFields);
    }

    @Override
    public String toString() {
        return "RetryConfigStatus{" + source + " " + version + (etag != null ? " etag=" + etag : "")
                + " from " + location + (fetchedAtMillis >= 0 ? " at " + fetchedAtMillis : "")
                + (lastError != null ? ", last error: " + lastError : "") + "}";
    }
}
