package dev.jitterbug.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine's proxy settings as Unix tools read them: {@code https_proxy} for https and wss addresses,
 * {@code http_proxy} for http and ws, {@code all_proxy} for either when those are unset (lower case first, then
 * upper case), and {@code no_proxy} for addresses that go direct. When the environment names no proxy for an address,
 * Java's own selection decides ({@code -Dhttps.proxyHost}, or the desktop's settings with
 * {@code -Djava.net.useSystemProxies=true}).
 *
 * <p>Loopback addresses ({@code localhost}, {@code 127.x.x.x}, {@code ::1}, judged from the name as written) always go
 * direct: a proxy elsewhere cannot reach this machine's loopback. {@code no_proxy} is a comma list: {@code *} (all),
 * a domain ({@code example.org} or {@code .example.org}: it and every name under it), an IP address, an IPv4 range
 * ({@code 10.0.0.0/8}); an entry with {@code :PORT} matches that port only. The environment is given as a map so tests
 * can pass their own.
 */
public final class EnvironmentProxySelector extends ProxySelector {
    private static final List<Proxy> DIRECT = Collections.singletonList(Proxy.NO_PROXY);

    private final Map<String, String> environment;
    private final ProxySelector fallback;
    private final NoProxyList noProxy;

    /**
     * @param environment the variables (e.g. {@code System.getenv()})
     * @param fallback    what decides when the environment names no proxy, or null for always direct then
     */
    public EnvironmentProxySelector(Map<String, String> environment, ProxySelector fallback) {
        this.environment = environment;
        this.fallback = fallback;
        this.noProxy = NoProxyList.parse(variable("no_proxy"));
    }

    /** This process's environment, then Java's default selector. */
    public static EnvironmentProxySelector fromSystem() {
        return new EnvironmentProxySelector(System.getenv(), ProxySelector.getDefault());
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("no address to choose a proxy for");
        }
        String host = uri.getHost();
        if (host == null || isLoopbackName(host) || noProxy.matches(host, port(uri))) {
            return DIRECT;
        }
        String configured = configuredFor(uri.getScheme());
        if (configured == null) {
            List<Proxy> chosen = fallback == null ? null : fallback.select(uri);
            return chosen == null || chosen.isEmpty() ? DIRECT : chosen;
        }
        Proxy proxy = parseProxy(configured);
        return proxy == null ? DIRECT : Collections.singletonList(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        if (fallback != null) {
            fallback.connectFailed(uri, address, failure);
        }
    }

    /**
     * The user name and password written into the proxy variable for this proxy
     * ({@code http://user:secret@proxy:3128}), or null.
     */
    public PasswordAuthentication credentialsFor(Proxy proxy) {
        if (!(proxy.address() instanceof InetSocketAddress)) {
            return null;
        }
        InetSocketAddress wanted = (InetSocketAddress) proxy.address();
        for (String name : new String[] {"https_proxy", "http_proxy", "all_proxy"}) {
            String value = variable(name);
            URI parsed = value == null ? null : proxyUri(value);
            if (parsed != null && parsed.getRawUserInfo() != null && wanted.getHostString().equals(parsed.getHost())
                    && wanted.getPort() == proxyPort(parsed)) {
                String[] parts = parsed.getRawUserInfo().split(":", 2);
                return new PasswordAuthentication(decode(parts[0]),
                        parts.length > 1 ? decode(parts[1]).toCharArray() : new char[0]);
            }
        }
        return null;
    }

    /** localhost, 127.x.x.x, ::1, as written (no DNS). */
    public static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    private String configuredFor(String scheme) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        String value = s.equals("https") || s.equals("wss") ? variable("https_proxy")
                : s.equals("http") || s.equals("ws") ? variable("http_proxy") : null;
        return value != null ? value : variable("all_proxy");
    }

    /** The variable in lower case, else in upper case; null when unset or empty. */
    private String variable(String lowerCaseName) {
        String value = environment.get(lowerCaseName);
        if (value == null || value.trim().isEmpty()) {
            value = environment.get(lowerCaseName.toUpperCase(Locale.ROOT));
        }
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    private static Proxy parseProxy(String value) {
        URI uri = proxyUri(value);
        if (uri == null || uri.getHost() == null) {
            return null; // unreadable: like curl, connect directly rather than fail every connection
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy.Type type = scheme.startsWith("socks") ? Proxy.Type.SOCKS : Proxy.Type.HTTP;
        return new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), proxyPort(uri)));
    }

    private static URI proxyUri(String value) {
        try {
            return URI.create(value.contains("://") ? value : "http://" + value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The port written, else curl's default for a proxy (1080). */
    private static int proxyPort(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 1080;
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            return s;
        }
    }

    /** The parsed {@code no_proxy}. */
    static final class NoProxyList {
        private final List<String> entries;

        private NoProxyList(List<String> entries) {
            this.entries = entries;
        }

        static NoProxyList parse(String value) {
            List<String> entries = new ArrayList<>();
            if (value != null) {
                for (String entry : value.split("[,\\s]+")) {
                    if (!entry.isEmpty()) {
                        entries.add(entry.toLowerCase(Locale.ROOT));
                    }
                }
            }
            return new NoProxyList(entries);
        }

        boolean matches(String host, int port) {
            String h = unbracket(host.toLowerCase(Locale.ROOT));
            for (String entry : entries) {
                if (entry.equals("*") || matchesEntry(entry, h, port)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matchesEntry(String entry, String host, int port) {
            String pattern = entry;
            int colon = pattern.lastIndexOf(':');
            if (colon > 0 && pattern.indexOf(':') == colon && pattern.indexOf('/') < 0) { // name:port or v4:port
                String wantedPort = pattern.substring(colon + 1);
                if (!wantedPort.equals(Integer.toString(port))) {
                    return false;
                }
                pattern = pattern.substring(0, colon);
            }
            pattern = unbracket(pattern);
            if (pattern.contains("/")) {
                return Ipv4Range.contains(pattern, host);
            }
            if (pattern.startsWith("*.")) {
                pattern = pattern.substring(1);
            }
            String domain = pattern.startsWith(".") ? pattern.substring(1) : pattern;
            return !domain.isEmpty() && (host.equals(domain) || host.endsWith("." + domain));
        }

        private static String unbracket(String s) {
            return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        }
    }

    /** {@code a.b.c.d/n} against an IPv4 literal (never a DNS lookup). */
    static final class Ipv4Range {
        private Ipv4Range() {
        }

        static boolean contains(String cidr, String host) {
            String[] parts = cidr.split("/", 2);
            long network = ipv4(parts[0]);
            long address = ipv4(host);
            int bits;
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return false;
            }
            if (network < 0 || address < 0 || bits < 0 || bits > 32) {
                return false;
            }
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (network & mask) == (address & mask);
        }

        private static long ipv4(String s) {
            String[] octets = s.split("\\.", -1);
            if (octets.length != 4) {
                return -1;
            }
            long value = 0;
            for (String octet : octets) {
                if (!octet.matches("[0-9]{1,3}")) {
                    return -1;
                }
                int n = Integer.parseInt(octet);
                if (n > 255) {
                    return -1;
                }
                value = value << 8 | n;
            }
            return value;
        }
    }
}
