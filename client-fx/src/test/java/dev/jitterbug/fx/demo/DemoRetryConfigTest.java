package dev.jitterbug.fx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.TrustedCertificates;
import dev.jitterbug.config.FetchResult;
import dev.jitterbug.config.HttpRetryConfigFetcher;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigParser;
import dev.jitterbug.testing.TestCertificates;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo serves a retry config the app fetches as it fetches a real one (https, checked certificate), so the demo
 * logs no failed fetch; only trusting the demo's test authority makes it work.
 */
class DemoRetryConfigTest {
    private final OkHttpClient http = new OkHttpClient();
    private final DemoRetryConfig served = DemoRetryConfig.start();

    @AfterEach
    void tearDown() {
        served.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void theAppFetchesAValidQuickConfigOverHttpsWhenItTrustsTheDemoAuthority() throws Exception {
        FetchResult result = fetch(TestCertificates.TRUSTING_AUTHORITY);
        assertThat(result.kind()).as(result.message()).isEqualTo(FetchResult.Kind.DOCUMENT);
        RetryConfigParser.Result parsed = new RetryConfigParser().parseWithNotes(result.body());
        assertThat(parsed.ignoredFields()).as("no typos in the demo's document").isEmpty();
        RetryConfig config = parsed.document().baseConfig();
        assertThat(config.statusQuietMillis()).isEqualTo(1_500);
        assertThat(served.requests()).isEqualTo(1);
    }

    @Test
    void withoutTheDemoAuthorityTheFetchIsRefused() throws Exception {
        FetchResult result = fetch(TrustedCertificates.platform());
        assertThat(result.kind()).isEqualTo(FetchResult.Kind.FAILED);
    }

    private FetchResult fetch(TrustedCertificates trust) throws Exception {
        CompletableFuture<FetchResult> answer = new CompletableFuture<>();
        new HttpRetryConfigFetcher(http, served.url()).withTrustedCertificates(trust).fetch(null, answer::complete);
        return answer.get(30, TimeUnit.SECONDS);
    }
}
