package dev.jitterbug.transport.discovery;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.HttpProxies;
import dev.jitterbug.transport.IoFailures;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * XEP-0156 over HTTPS: reads {@code https://DOMAIN/.well-known/host-meta.json} and, when that gives no usable link,
 * the XRD {@code https://DOMAIN/.well-known/host-meta}. Bodies are capped at {@link HostMetaParser#MAX_BYTES}, the
 * whole fetch at {@link #TIMEOUT_MILLIS}, and redirects may not leave https.
 */
public final class HttpHostMetaFetcher implements HostMetaFetcher {
    public static final long TIMEOUT_MILLIS = 10_000;
    static final String JSON_PATH = "/.well-known/host-meta.json";
    static final String XRD_PATH = "/.well-known/host-meta";

    private final OkHttpClient client;
    private final String base;
    private final String domain;
    private final HostMetaParser parser = new HostMetaParser();

    private HttpHostMetaFetcher(OkHttpClient client, String base, String domain) {
        this.client = client.newBuilder().callTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .followSslRedirects(false).cache(null).build();
        this.base = base;
        this.domain = domain;
    }

    /** Discovery as XEP-0156 says: over https from the account's domain. */
    public static HttpHostMetaFetcher forDomain(OkHttpClient client, String domain) {
        if (domain == null || domain.trim().isEmpty() || domain.contains("/") || domain.contains("@")) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name (expected e.g. example.org)");
        }
        return new HttpHostMetaFetcher(client, "https://" + domain.trim(), domain.trim());
    }

    /**
     * FOR TESTS ONLY: discovery from a plain-http base on the loopback interface ({@code http://127.0.0.1:PORT}),
     * because tests cannot bind port 443. Any other base is refused.
     */
    public static HttpHostMetaFetcher fromLoopbackBaseForTestsOnly(OkHttpClient client, URI base, String domain) {
        if (!isLoopbackBase(base)) {
            throw new IllegalArgumentException("The test-only discovery base must be http://127.0.0.1:PORT or "
                    + "http://localhost:PORT, not '" + base + "'.");
        }
        String text = base.toString();
        return new HttpHostMetaFetcher(client, text.endsWith("/") ? text.substring(0, text.length() - 1) : text,
                domain);
    }

    /** Whether {@code base} is an http(s) URI on the loopback interface (127.x.x.x, ::1, localhost). */
    public static boolean isLoopbackBase(URI base) {
        if (base == null || base.getHost() == null || base.getScheme() == null) {
            return false;
        }
        String scheme = base.getScheme().toLowerCase(Locale.ROOT);
        String host = base.getHost().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https"))
                && (host.equals("localhost") || host.equals("[::1]") || host.matches("127\\.\\d+\\.\\d+\\.\\d+"));
    }

    @Override
    public HostMetaLinks fetch() throws DiscoveryException {
        String jsonUrl = base + JSON_PATH;
        String xrdUrl = base + XRD_PATH;
        String jsonProblem;
        try {
            HostMetaLinks links = parser.parseJson(get(jsonUrl, "application/json"), jsonUrl);
            if (!links.isEmpty()) {
                return links;
            }
            jsonProblem = jsonUrl + " lists no WebSocket or BOSH endpoint";
        } catch (Unusable e) {
            jsonProblem = e.getMessage();
        } catch (HostMetaParser.InvalidHostMetaException e) {
            jsonProblem = e.getMessage();
        }
        try {
            HostMetaLinks links = parser.parseXrd(get(xrdUrl, "application/xrd+xml"), xrdUrl);
            if (!links.isEmpty()) {
                return links;
            }
            throw notFound(jsonProblem, xrdUrl + " lists no WebSocket or BOSH endpoint", null);
        } catch (Unusable e) {
            throw notFound(jsonProblem, e.getMessage(), e.failure);
        } catch (HostMetaParser.InvalidHostMetaException e) {
            throw notFound(jsonProblem, e.getMessage(), null);
        }
    }

    private DiscoveryException notFound(String jsonProblem, String xrdProblem, Failure networkFailure) {
        String sentence = "Jitterbug could not find how to connect to " + domain + " (XEP-0156): "
                + withoutFullStop(jsonProblem) + "; " + withoutFullStop(xrdProblem) + ". Enter the server's WebSocket or BOSH address by hand.";
        Failure.Kind kind = networkFailure != null ? networkFailure.kind() : Failure.Kind.UNKNOWN_HOST;
        return new DiscoveryException(Failure.of(kind, sentence));
    }

    private static String withoutFullStop(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    private byte[] get(String url, String accept) throws Unusable {
        Request request = new Request.Builder().url(url).header("Accept", accept).build();
        try (Response response = client.newCall(request).execute()) {
            HttpUrl answered = response.request().url();
            if (base.startsWith("https:") && !answered.isHttps()) {
                throw new Unusable(url + " redirected to " + answered + ", which is not https", null);
            }
            if (response.code() != 200) {
                throw new Unusable(url + " answered HTTP " + response.code(), null);
            }
            return readLimited(response.body().source(), url);
        } catch (IOException e) {
            Failure failure = IoFailures.toFailure(e, url, HttpProxies.describe(client, url));
            throw new Unusable(failure.message(), failure);
        }
    }

    private static byte[] readLimited(BufferedSource source, String url) throws IOException, Unusable {
        Buffer buffer = new Buffer();
        long limit = HostMetaParser.MAX_BYTES + 1L;
        while (buffer.size() < limit) {
            if (source.read(buffer, limit - buffer.size()) == -1) {
                return buffer.readByteArray();
            }
        }
        throw new Unusable(url + " is larger than " + HostMetaParser.MAX_BYTES / 1024 + " KiB, too large for a "
                + "host-meta document", null);
    }

    /** One URL gave nothing usable; the message says why. */
    private static final class Unusable extends Exception {
        private final transient Failure failure;

        Unusable(String message, Failure failure) {
            super(message);
            this.failure = failure;
        }
    }
}
