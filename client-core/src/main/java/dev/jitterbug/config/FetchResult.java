package dev.jitterbug.config;

/** The outcome of one attempt to fetch the retry-config document. Immutable. */
public final class FetchResult {
    /** What came back. */
    public enum Kind {
        /** A document body (not yet validated). */
        DOCUMENT,
        /** HTTP 304: the document we have (by its ETag) is still current. */
        NOT_MODIFIED,
        /** No usable answer; see {@link #message()}. */
        FAILED
    }

    private final Kind kind;
    private final String body;
    private final String etag;
    private final long maxAgeMillis;
    private final long retryAfterMillis;
    private final String message;

    private FetchResult(Kind kind, String body, String etag, long maxAgeMillis, long retryAfterMillis,
            String message) {
        this.kind = kind;
        this.body = body;
        this.etag = etag;
        this.maxAgeMillis = maxAgeMillis;
        this.retryAfterMillis = retryAfterMillis;
        this.message = message;
    }

    /** A body, its ETag (or null) and its {@code Cache-Control: max-age} in milliseconds (or -1). */
    public static FetchResult document(String body, String etag, long maxAgeMillis) {
        return new FetchResult(Kind.DOCUMENT, body, etag, maxAgeMillis, -1, null);
    }

    public static FetchResult notModified(long maxAgeMillis) {
        return new FetchResult(Kind.NOT_MODIFIED, null, null, maxAgeMillis, -1, null);
    }

    /** A failure in plain words, with the server's {@code Retry-After} in milliseconds (or -1). */
    public static FetchResult failed(String message, long retryAfterMillis) {
        return new FetchResult(Kind.FAILED, null, null, -1, retryAfterMillis, message);
    }

    public Kind kind() {
        return kind;
    }

    public String body() {
        return body;
    }

    public String etag() {
        return etag;
    }

    /** How long the answer stays fresh ({@code Cache-Control: max-age}), or -1 when the server did not say. */
    public long maxAgeMillis() {
        return maxAgeMillis;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return kind + (etag != null ? " etag=" + etag : "") + (maxAgeMillis >= 0 ? " max-age=" + maxAgeMillis : "")
                + (message != null ? ": " + message : "");
    }
}
