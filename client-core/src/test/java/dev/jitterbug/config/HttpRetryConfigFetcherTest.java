package dev.jitterbug.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a local HTTP server that misbehaves on demand. */
class HttpRetryConfigFetcherTest {
    private static final String PATH = "/.well-known/jitterbug/retry.json";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void shutDownClient() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private HttpRetryConfigFetcher fetcher() {
        return LoopbackRetryConfigFetchers.plainHttp(client, server.url(PATH).toString());
    }

    private static FetchResult fetch(RetryConfigFetcher fetcher, String etag) throws Exception {
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        fetcher.fetch(etag, result::complete);
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDocumentComesWithItsEtagAndMaxAge() throws Exception {
        server.enqueue(new MockResponse.Builder().body(Examples.read("minimal.json"))
                .addHeader("ETag", "\"abc\"").addHeader("Cache-Control", "public, max-age=300").build());

        FetchResult result = fetch(fetcher(), null);

        assertThat(result.kind()).isEqualTo(FetchResult.Kind.DOCUMENT);
        assertThat(result.body()).isEqualTo(Examples.read("minimal.json"));
        assertThat(result.etag()).isEqualTo("\"abc\"");
        assertThat(result.maxAgeMillis()).isEqualTo(300_000);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("If-None-Match")).isNull();
        assertThat(request.getUrl().encodedPath()).isEqualTo(PATH);
    }

    @Test
    void theEtagIsSentAsIfNoneMatchAnd304MeansNotModified() throws Exception {
        server.enqueue(new MockResponse.Builder().code(304).addHeader("Cache-Control", "max-age=60").build());

        FetchResult result = fetch(fetcher(), "\"abc\"");

        assertThat(result.kind()).isEqualTo(FetchResult.Kind.NOT_MODIFIED);
        assertThat(result.maxAgeMillis()).isEqualTo(60_000);
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"abc\"");
    }

    @Test
    void noCacheCountsAsStaleAtOnce() throws Exception {
        server.enqueue(new MockResponse.Builder().body("{}").addHeader("Cache-Control", "no-cache").build());

        assertThat(fetch(fetcher(), null).maxAgeMillis()).isZero();
    }

    @Test
    void aServerErrorIsAFailureInPlainWordsWithItsRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "120").build());

        FetchResult result = fetch(fetcher(), null);

        assertThat(result.kind()).isEqualTo(FetchResult.Kind.FAILED);
        assertThat(result.message()).startsWith("the config server answered HTTP 503");
        assertThat(result.retryAfterMillis()).isEqualTo(120_000);
    }

    @Test
    void aBodyThatStallsEndsAtTheTimeout() throws Exception {
        server.enqueue(new MockResponse.Builder().body(Examples.read("minimal.json"))
                .bodyDelay(30, TimeUnit.SECONDS).build());

        FetchResult result = fetch(fetcher().withTimeoutMillis(500), null);

        assertThat(result.kind()).isEqualTo(FetchResult.Kind.FAILED);
        assertThat(result.message()).contains("took longer than 0.5 s");
    }

    @Test
    void fiveMegabytesWithContentLengthAreRefusedBeforeReading() throws Exception {
        server.enqueue(new MockResponse.Builder().body(hugeJson(5 * 1024 * 1024)).build());

        FetchResult result = fetch(fetcher(), null);

        assertThat(result.kind()).isEqualTo(FetchResult.Kind.FAILED);
        assertThat(result.message()).contains("is too large (5242880 bytes; the limit is 64 KiB)");
    }

    @Test
    void fiveMegabytesWithoutContentLengthAreCutOffWhileReading() throws Exception {
        server.enqueue(new MockResponse.Builder().chunkedBody(hugeJson(5 * 1024 * 1024), 64 * 1024).build());

        FetchResult result = fetch(fetcher(), null);

        assertThat(result.kind()).isEqualTo(FetchResult.Kind.FAILED);
        assertThat(result.message()).contains("is too large (more than 65536 bytes");
    }

    @Test
    void nothingListeningIsAFailureNotAnException() throws Exception {
        String url = server.url(PATH).toString();
        server.close();

        FetchResult result = fetch(LoopbackRetryConfigFetchers.plainHttp(client, url), null);

        assertThat(result.kind()).isEqualTo(FetchResult.Kind.FAILED);
        assertThat(result.message()).startsWith("cannot reach the config server");
    }

    @Test
    void onlyHttpsIsAcceptedAndPlainHttpOnlyForLoopbackInTests() {
        assertThatThrownBy(() -> new HttpRetryConfigFetcher(client, "http://example.org/retry.json"))
                .hasMessageContaining("must be fetched over https");
        assertThatThrownBy(() -> new HttpRetryConfigFetcher(client, server.url(PATH).toString()))
                .hasMessageContaining("must be fetched over https");
        assertThatThrownBy(() -> LoopbackRetryConfigFetchers.plainHttp(client,
                "http://example.org/retry.json")).hasMessageContaining("must be fetched over https");
        assertThatThrownBy(() -> new HttpRetryConfigFetcher(client, "ftp://example.org/retry.json"))
                .hasMessageContaining("not a valid https URL");
        assertThat(new HttpRetryConfigFetcher(client, "https://example.org/r.json").location())
                .isEqualTo("https://example.org/r.json");
    }

    @Test
    void withoutAConfiguredUrlTheWellKnownLocationOfTheDomainIsUsed() {
        assertThat(HttpRetryConfigFetcher.forDomain(client, "example.org").location())
                .isEqualTo("https://example.org/.well-known/jitterbug/retry.json");
        assertThatThrownBy(() -> HttpRetryConfigFetcher.wellKnownUrl("alice@example.org"))
                .hasMessageContaining("is not a domain name");
    }

    private static Buffer hugeJson(int bytes) {
        Buffer buffer = new Buffer().writeUtf8("{\"format\":1,\"version\":\"");
        while (buffer.size() < bytes - 2) {
            buffer.writeUtf8("x");
        }
        return buffer.writeUtf8("\"}");
    }
}
