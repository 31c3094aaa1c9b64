package dev.jitterbug.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentProxySelectorTest {
    private static final Proxy JAVA_DEFAULT = new Proxy(Proxy.Type.HTTP,
            InetSocketAddress.createUnresolved("java-default", 8080));
    private static final ProxySelector JAVA = new ProxySelector() {
        @Override
        public List<Proxy> select(URI uri) {
            return Collections.singletonList(JAVA_DEFAULT);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        }
    };

    @Test
    void httpsAndWssUseHttpsProxyAndHttpAndWsUseHttpProxy() {
        EnvironmentProxySelector selector = selector("https_proxy", "http://secure-proxy:3128",
                "http_proxy", "plain-proxy:8080");
        assertThat(proxyOf(selector, "https://chat.example.org/http-bind")).isEqualTo("secure-proxy:3128");
        assertThat(proxyOf(selector, "wss://chat.example.org/xmpp-websocket")).isEqualTo("secure-proxy:3128");
        assertThat(proxyOf(selector, "http://chat.example.org/http-bind")).isEqualTo("plain-proxy:8080");
        assertThat(proxyOf(selector, "ws://chat.example.org/xmpp-websocket")).isEqualTo("plain-proxy:8080");
    }

    @Test
    void upperCaseVariablesCountWhenLowerCaseOnesAreUnsetAndAllProxyIsTheLastResort() {
        assertThat(proxyOf(selector("HTTPS_PROXY", "http://upper:1"), "https://example.org/")).isEqualTo("upper:1");
        assertThat(proxyOf(selector("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2"),
                "https://example.org/")).isEqualTo("lower:1");
        assertThat(proxyOf(selector("all_proxy", "http://everything:3"), "https://example.org/"))
                .isEqualTo("everything:3");
        assertThat(proxyOf(selector("https_proxy", "http://p"), "https://example.org/"))
                .as("no port: curl's default").isEqualTo("p:1080");
    }

    @Test
    void withoutAVariableJavasOwnSelectionDecides() {
        EnvironmentProxySelector selector = new EnvironmentProxySelector(new HashMap<>(), JAVA);
        assertThat(selector.select(URI.create("https://example.org/"))).containsExactly(JAVA_DEFAULT);
        EnvironmentProxySelector httpOnly = new EnvironmentProxySelector(env("http_proxy", "http://p:1"), JAVA);
        assertThat(httpOnly.select(URI.create("https://example.org/"))).containsExactly(JAVA_DEFAULT);
    }

    @ParameterizedTest(name = "no_proxy={0}: {1} goes direct={2}")
    @CsvSource({
        "'example.org', https://example.org/, true",
        "'example.org', https://chat.example.org/, true",
        "'.example.org', https://chat.example.org/, true",
        "'.example.org', https://example.org/, true",
        "'*.example.org', https://chat.example.org/, true",
        "'example.org', https://notexample.org/, false",
        "'example.org', https://example.org.evil.test/, false",
        "'*', https://anything.test/, true",
        "'other.test, example.org', https://chat.example.org/, true",
        "'other.test example.org', https://chat.example.org/, true",
        "'EXAMPLE.ORG', https://Chat.Example.org/, true",
        "'10.0.0.0/8', https://10.1.2.3/, true",
        "'10.0.0.0/8', https://11.1.2.3/, false",
        "'192.168.1.7', https://192.168.1.7:5281/, true",
        "'example.org:5281', https://example.org:5281/, true",
        "'example.org:5281', https://example.org/, false",
        "'[2001:db8::1]', 'https://[2001:db8::1]/', true",
        "'', https://example.org/, false",
    })
    void noProxySendsMatchingAddressesDirect(String noProxy, String uri, boolean direct) {
        EnvironmentProxySelector selector = selector("https_proxy", "http://proxy:3128", "no_proxy", noProxy);
        assertThat(selector.select(URI.create(uri)).get(0).type() == Proxy.Type.DIRECT).isEqualTo(direct);
    }

    @ParameterizedTest
    @CsvSource({"http://localhost:5280/http-bind", "https://127.0.0.1/", "http://127.8.9.10/", "https://[::1]:5281/",
        "ws://chat.localhost/"})
    void loopbackAddressesNeverGoToASystemProxy(String uri) {
        EnvironmentProxySelector selector = selector("all_proxy", "http://proxy:3128", "https_proxy",
                "http://proxy:3128", "http_proxy", "http://proxy:3128");
        assertThat(selector.select(URI.create(uri))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void credentialsWrittenIntoTheVariableBelongToThatProxyOnly() {
        EnvironmentProxySelector selector = selector("https_proxy", "http://me%40corp:p%3Ass@proxy:3128");
        Proxy proxy = selector.select(URI.create("https://example.org/")).get(0);
        PasswordAuthentication credentials = selector.credentialsFor(proxy);
        assertThat(credentials.getUserName()).isEqualTo("me@corp");
        assertThat(new String(credentials.getPassword())).isEqualTo("p:ss");
        assertThat(selector.credentialsFor(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("other",
                3128)))).isNull();
    }

    @Test
    void socksProxiesAreSocks() {
        Proxy proxy = selector("all_proxy", "socks5://tunnel:1080").select(URI.create("https://example.org/")).get(0);
        assertThat(proxy.type()).isEqualTo(Proxy.Type.SOCKS);
    }

    private static String proxyOf(EnvironmentProxySelector selector, String uri) {
        Proxy proxy = selector.select(URI.create(uri)).get(0);
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        return address.getHostString() + ":" + address.getPort();
    }

    private static EnvironmentProxySelector selector(String... keysAndValues) {
        return new EnvironmentProxySelector(env(keysAndValues), null);
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }
}
