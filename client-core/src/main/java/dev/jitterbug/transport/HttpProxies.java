package dev.jitterbug.transport;

import dev.jitterbug.ProxySetting;
import dev.jitterbug.platform.EnvironmentProxySelector;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import okhttp3.OkHttpClient;

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
        builder.networkInterceptors().removeIf(interceptor -> interceptor instanceof ProxyChallenge.RefusalAs401);
        builder.addNetworkInterceptor(new ProxyChallenge.RefusalAs401());
        switch (chosen.mode()) {
            case NONE:
                return builder.proxy(Proxy.NO_PROXY).proxyAuthenticator(new ProxyChallenge(proxy -> null));
            case MANUAL:
                Proxy manual = new Proxy(Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(chosen.host(), chosen.port()));
                PasswordAuthentication credentials = chosen.user() == null ? null
                        : new PasswordAuthentication(chosen.user(), chosen.password());
                return builder.proxy(manual).proxyAuthenticator(new ProxyChallenge(proxy -> credentials));
            default:
                return builder.proxy(null).proxySelector(system)
                        .proxyAuthenticator(new ProxyChallenge(system::credentialsFor));
        }
    }

    /**
     * "the proxy at host:port" that a request to {@code uri} goes through with this client, or null when it goes
     * direct: failures name the proxy, since the proxy, not the server, may be what refused.
     */
    public static String describe(OkHttpClient client, String uri) {
        Proxy proxy = client.proxy();
        if (proxy == null) {
            try {
                URI target = URI.create(uri.replaceFirst("^ws", "http"));
                List<Proxy> chosen = client.proxySelector().select(target);
                proxy = chosen == null || chosen.isEmpty() ? Proxy.NO_PROXY : chosen.get(0);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return proxy.type() == Proxy.Type.DIRECT ? null : "the proxy at " + ProxyChallenge.address(proxy);
    }
}
