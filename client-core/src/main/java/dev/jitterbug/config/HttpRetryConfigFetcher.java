package dev.jitterbug.config;

import dev.jitterbug.ProxySetting;
import dev.jitterbug.TrustedCertificates;
import dev.jitterbug.transport.HttpProxies;
import dev.jitterbug.transport.IoFailures;
import dev.jitterbug.transport.TlsTrust;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Fetches the document over HTTPS with OkHttp's asynchronous calls: {@code If-None-Match}/ETag, {@code Cache-Control:
 * max-age}, a limit on the body size (counted while reading, after any decompression) and a limit on the whole
 * call's duration. Plain {@code http} is refused, except for loopback addresses when built with
 * {@link #allowingPlainHttpOnLoopback}.
 */
public final class HttpRetryConfigFetcher implements RetryConfigFetcher {
    /** The largest body accepted: a real document is a few KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** The longest a fetch may take, from the first byte sent to the last byte read. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
    /** The path under a domain where operators publish the document when no URL is configured. */
    public static final String WELL_KNOWN_PATH = "/.well-known/jitterbug/retry.json";

    private final OkHttpClient callerClient;
    private final OkHttpClient client;
    private final HttpUrl url;
    private final boolean plainHttpOnLoopbackAllowed;
    private final int maxBodyBytes;
    private final long timeoutMillis;
    private final TrustedCertificates trusted;
    private final ProxySetting proxy;

    /** Fetches from an explicitly configured {@code https} URL, sharing the given client's connections. */
    public HttpRetryConfigFetcher(OkHttpClient client, String url) {
        this(client, url, false, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MILLIS, TrustedCertificates.platform(),
                ProxySetting.system());
    }

    private HttpRetryConfigFetcher(OkHttpClient client, String url, boolean plainHttpOnLoopbackAllowed,
            int maxBodyBytes, long timeoutMillis, TrustedCertificates trusted, ProxySetting proxy) {
        this.url = checkedUrl(url, plainHttpOnLoopbackAllowed);
        this.plainHttpOnLoopbackAllowed = plainHttpOnLoopbackAllowed;
        this.maxBodyBytes = maxBodyBytes;
        this.timeoutMillis = timeoutMillis;
        this.trusted = trusted;
        this.proxy = proxy;
        this.callerClient = client;
        // The derived client shares the connection pool and dispatcher; redirects may not leave https, and the
        // caller's HTTP cache (if any) stays out of the way of our own ETag handling.
        this.client = TlsTrust.apply(HttpProxies.apply(client.newBuilder(), proxy), trusted)
                .callTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .followSslRedirects(false)
                .cache(null)
                .build();
    }

    /** Fetches from the conventional location {@code https://DOMAIN/.well-known/jitterbug/retry.json}. */
    public static HttpRetryConfigFetcher forDomain(OkHttpClient client, String domain) {
        return new HttpRetryConfigFetcher(client, wellKnownUrl(domain));
    }

    /** The conventional location for a domain. */
    public static String wellKnownUrl(String domain) {
        if (domain == null || domain.trim().isEmpty() || domain.contains("/") || domain.contains("@")) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name (expected e.g. example.org)");
        }
        return "https://" + domain.trim() + WELL_KNOWN_PATH;
    }

    /**
     * Tests only (reached through a test-source class in this package, never from the public API): also accepts
     * {@code http://} URLs whose host is a loopback address (127.x.x.x, ::1, localhost). Any other {@code http} URL
     * is still refused.
     */
    static HttpRetryConfigFetcher allowingPlainHttpOnLoopback(OkHttpClient client, String url) {
        return new HttpRetryConfigFetcher(client, url, true, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MILLIS,
                TrustedCertificates.platform(), ProxySetting.system());
    }

    /** The same fetcher with another limit on the whole call's duration. */
    public HttpRetryConfigFetcher withTimeoutMillis(long millis) {
        return new HttpRetryConfigFetcher(callerClient, url.toString(), plainHttpOnLoopbackAllowed, maxBodyBytes,
                millis, trusted, proxy);
    }

    /** The same fetcher with another body size limit. */
    public HttpRetryConfigFetcher withMaxBodyBytes(int bytes) {
        return new HttpRetryConfigFetcher(callerClient, url.toString(), plainHttpOnLoopbackAllowed, bytes,
                timeoutMillis, trusted, proxy);
    }

    /**
     * The same fetcher, trusting these certificate authorities in addition to the platform's: give it the value
     * the account's {@code ClientOptions} use, so the config comes from a server the client would also accept.
     */
    public HttpRetryConfigFetcher withTrustedCertificates(TrustedCertificates v) {
        return new HttpRetryConfigFetcher(callerClient, url.toString(), plainHttpOnLoopbackAllowed, maxBodyBytes,
                timeoutMillis, v != null ? v : TrustedCertificates.platform(), proxy);
    }

    /**
     * The same fetcher, going through this proxy (default: the system's settings): give it the value the account's
     * {@code ClientOptions} use, so the config travels the same way as the account's connections.
     */
    public HttpRetryConfigFetcher withProxy(ProxySetting v) {
        return new HttpRetryConfigFetcher(callerClient, url.toString(), plainHttpOnLoopbackAllowed, maxBodyBytes,
                timeoutMillis, trusted, v != null ? v : ProxySetting.system());
    }

    @Override
    public String location() {
        return url.toString();
    }

    @Override
    public void fetch(String ifNoneMatch, Callback callback) {
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        client.newCall(request.build()).enqueue(new okhttp3.Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                callback.done(FetchResult.failed(describe(e), -1));
            }

            @Override
            public void onResponse(Call call, Response response) {
                FetchResult result;
                try (Response closing = response) {
                    result = interpret(closing);
                } catch (IOException e) {
                    result = FetchResult.failed(describe(e), -1);
                }
                callback.done(result);
            }
        });
    }

    private FetchResult interpret(Response response) throws IOException {
        HttpUrl answered = response.request().url();
        if (!answered.isHttps() && !(plainHttpOnLoopbackAllowed && isLoopback(answered.host()))) {
            return FetchResult.failed("the config server redirected to " + answered + ", which is not https", -1);
        }
        long maxAge = maxAgeMillis(response);
        if (response.code() == 304) {
            return FetchResult.notModified(maxAge);
        }
        if (response.code() != 200) {
            return FetchResult.failed("the config server answered HTTP " + response.code()
                    + (response.message().isEmpty() ? "" : " " + response.message()) + " for " + url,
                    retryAfterMillis(response.header("Retry-After")));
        }
        ResponseBody body = response.body();
        if (body.contentLength() > maxBodyBytes) {
            return tooLarge(body.contentLength() + " bytes");
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        long total = 0;
        for (long read; (read = source.read(buffer, 8192)) != -1; ) {
            total += read;
            if (total > maxBodyBytes) {
                return tooLarge("more than " + maxBodyBytes + " bytes");
            }
        }
        return FetchResult.document(buffer.readString(StandardCharsets.UTF_8), response.header("ETag"), maxAge);
    }

    private FetchResult tooLarge(String size) {
        return FetchResult.failed("the config at " + url + " is too large (" + size + "; the limit is "
                + maxBodyBytes / 1024 + " KiB)", -1);
    }

    private String describe(IOException e) {
        String through = HttpProxies.describe(client, url.toString());
        if (through != null && !(e instanceof InterruptedIOException) && !(e instanceof SSLException)) {
            // Only the proxy was connected to: its refusal, or its absence, is the story.
            return "fetching the config from " + url + " failed: "
                    + IoFailures.toFailure(e, url.toString(), through).message();
        }
        if (e instanceof InterruptedIOException) {
            return "fetching the config from " + url + " took longer than " + timeoutMillis / 1000.0 + " s";
        }
        if (e instanceof UnknownHostException) {
            return "cannot find the config server " + url.host() + " (name lookup failed)";
        }
        if (e instanceof ConnectException) {
            return "cannot reach the config server at " + url.host() + ":" + url.port();
        }
        if (e instanceof SSLException) {
            return "the secure connection to the config server " + url.host() + " failed: "
                    + IoFailures.tlsReason((SSLException) e, url.host());
        }
        return "fetching the config from " + url + " failed: " + e.getMessage();
    }

    private static long maxAgeMillis(Response response) {
        if (response.cacheControl().noStore() || response.cacheControl().noCache()) {
            return 0;
        }
        int seconds = response.cacheControl().maxAgeSeconds();
        return seconds < 0 ? -1 : seconds * 1000L;
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is ignored: our own backoff then applies). */
    private static long retryAfterMillis(String header) {
        if (header == null) {
            return -1;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? -1 : seconds * 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static HttpUrl checkedUrl(String url, boolean plainHttpOnLoopbackAllowed) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("'" + url + "' is not a valid https URL for the retry config");
        }
        if (parsed.isHttps()) {
            return parsed;
        }
        if (plainHttpOnLoopbackAllowed && isLoopback(parsed.host())) {
            return parsed;
        }
        throw new IllegalArgumentException("The retry config must be fetched over https, but the URL is '" + url
                + "' (plain http would let anyone on the network change how clients reconnect)");
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
