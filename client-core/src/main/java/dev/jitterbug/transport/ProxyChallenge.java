package dev.jitterbug.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's HTTP 407 with Basic credentials, once. A second 407 for a request that already carried them
 * (the proxy refused them), or a 407 when there are none, throws a {@link ProxyAuthenticationException} with a
 * sentence for people: the call ends there, and the reconnector stops instead of asking the proxy in a loop (OkHttp
 * would otherwise follow up to 20 times per call, and the reconnector would start over).
 */
final class ProxyChallenge implements Authenticator {
    /** The header OkHttp puts on the made-up challenge it offers before opening a tunnel (a chance to pre-empt). */
    private static final String PREEMPTIVE = "OkHttp-Preemptive";

    private final Function<Proxy, PasswordAuthentication> credentials;

    /** @param credentials the user name and password for a proxy, or null for none */
    ProxyChallenge(Function<Proxy, PasswordAuthentication> credentials) {
        this.credentials = credentials;
    }

    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        Proxy proxy = route == null ? Proxy.NO_PROXY : route.proxy();
        PasswordAuthentication known = credentials.apply(proxy);
        boolean preemptive = PREEMPTIVE.equalsIgnoreCase(response.header("Proxy-Authenticate"));
        if (preemptive && known == null) {
            return null; // nothing to offer up front; a real challenge gets the sentence below
        }
        String where = "The proxy at " + address(proxy);
        if (response.request().header("Proxy-Authorization") != null) {
            throw new ProxyAuthenticationException(where + " refused the proxy user name or password (HTTP 407).");
        }
        if (known == null) {
            throw new ProxyAuthenticationException(where + " asks for a user name and password (HTTP 407), and "
                    + "none is set for it: enter them in the account's proxy settings.");
        }
        String header = Credentials.basic(known.getUserName(), new String(known.getPassword()),
                StandardCharsets.UTF_8);
        return response.request().newBuilder().header("Proxy-Authorization", header).build();
    }

    /**
     * Some proxies (tinyproxy 1.11) answer wrong proxy credentials with 401 instead of a second 407. A 401 that
     * follows the proxy's 407 in the same call (the proxy asked, we answered, and were turned away) is taken as the
     * proxy's refusal. An application interceptor, so that it sees WebSocket upgrades too (OkHttp skips network
     * interceptors for those).
     */
    static final class RefusalAs401 implements Interceptor {
        private final ProxySelector proxies;

        RefusalAs401(ProxySelector proxies) {
            this.proxies = proxies;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Response response = chain.proceed(chain.request());
            Response prior = response.priorResponse();
            if (response.code() == 401 && prior != null && prior.code() == 407) {
                response.close();
                List<Proxy> chosen = proxies.select(chain.request().url().uri());
                throw new ProxyAuthenticationException("The proxy at " + (chosen == null || chosen.isEmpty() ? "?"
                        : address(chosen.get(0))) + " refused the proxy user name or password (HTTP 401).");
            }
            return response;
        }
    }

    /** host:port as configured (not resolved). */
    static String address(Proxy proxy) {
        if (proxy.address() instanceof InetSocketAddress) {
            InetSocketAddress address = (InetSocketAddress) proxy.address();
            return address.getHostString() + ":" + address.getPort();
        }
        return String.valueOf(proxy.address());
    }
}
