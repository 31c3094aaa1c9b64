package dev.jitterbug.transport;

import dev.jitterbug.ProxySetting;
import dev.jitterbug.platform.EnvironmentProxySelector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one place an account's {@link ProxySetting} becomes OkHttp configuration, for every HTTP client an account
 * uses (WebSocket, BOSH, discovery, the retry-config fetch), and where failures learn which proxy was in the way.
 */
public final class HttpProxies {
    private HttpProxies() {
    }

    /** The builder, connecting as {@code setting} says (the system's settings: this process's environment). */
    public static OkHttpClient.Builder apply(OkHttpClient.Builder builder, ProxySetting setting) {
        return apply(builder, setting, EnvironmentProxySelector.fromSystem());
    }

    /** As {@link #apply(OkHttpClient.Builder, ProxySetting)}, with {@code system} standing for the machine's settings. */
    public static OkHttpClient.Builder apply(OkHttpClient.Builder builder, ProxySetting setting,
            EnvironmentProxySelector system) {
        ProxySetting chosen = setting == null ? ProxySetting.system() : setting;
        ProxySelector selector;
        ProxyChallenge challenge;
        switch (chosen.mode()) {
            case NONE:
                selector = new Fixed(Proxy.NO_PROXY);
                challenge = new ProxyChallenge(proxy -> null);
                break;
            case MANUAL:
                selector = new Fixed(new Proxy(Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(chosen.host(), chosen.port())));
                PasswordAuthentication credentials = chosen.user() == null ? null
                        : new PasswordAuthentication(chosen.user(), chosen.password());
                challenge = new ProxyChallenge(proxy -> credentials);
                break;
            default:
                selector = system;
                challenge = new ProxyChallenge(system::credentialsFor);
        }
        builder.interceptors().removeIf(i -> i instanceof ProxyChallenge.RefusalAs401);
        builder.networkInterceptors().removeIf(i -> i instanceof OneRequestPerProxyConnection);
        return builder.proxy(null).proxySelector(selector).proxyAuthenticator(challenge)
                .addInterceptor(new ProxyChallenge.RefusalAs401(selector))
                .addNetworkInterceptor(new OneRequestPerProxyConnection());
    }

    /**
     * "the proxy at host:port" that a request to {@code uri} goes through with this client, or null when it goes
     * direct: failures name the proxy, since the proxy, not the server, may be what refused.
     */
    public static String describe(OkHttpClient client, String uri) {
        Proxy proxy = client.proxy();
        if (proxy == null) {
            try {
                List<Proxy> chosen = client.proxySelector().select(URI.create(uri.replaceFirst("^ws", "http")));
                proxy = chosen == null || chosen.isEmpty() ? Proxy.NO_PROXY : chosen.get(0);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return proxy.type() == Proxy.Type.DIRECT ? null : "the proxy at " + ProxyChallenge.address(proxy);
    }

    /** One proxy (or none) for every address. */
    private static final class Fixed extends ProxySelector {
        private final List<Proxy> proxies;

        Fixed(Proxy proxy) {
            this.proxies = Collections.singletonList(proxy);
        }

        @Override
        public List<Proxy> select(URI uri) {
            return proxies;
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            // nothing else to try: the failure reaches the caller
        }
    }

    /**
     * Plain-http requests through a proxy each on their own connection ({@code Connection: close}). Proxies such as
     * tinyproxy close the client's connection after each answer without saying so; a BOSH request sent on such a
     * connection from the pool would fail, and BOSH (which resends only after a wait) must not lose its exchanges to
     * that. Tunnels (https, wss) keep their connection.
     */
    private static final class OneRequestPerProxyConnection implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            boolean proxied = chain.connection() != null
                    && chain.connection().route().proxy().type() == Proxy.Type.HTTP;
            if (proxied && !request.isHttps()) {
                request = request.newBuilder().header("Connection", "close").build();
            }
            return chain.proceed(request);
        }
    }
}
