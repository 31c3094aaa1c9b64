package dev.jitterbug.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jitterbug.ProxySetting;
import dev.jitterbug.platform.EnvironmentProxySelector;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * How a {@link ProxySetting} reaches OkHttp, with MockWebServer playing the proxy (it takes the absolute-form
 * requests a proxy gets): which requests go through it, the Basic answer to a 407 sent once, and the sentence when
 * the proxy refuses it. The real proxy (tinyproxy) is in {@code ProxyProsodyTest}.
 */
class HttpProxiesTest {
    private static final String TARGET = "http://chat.jitterbug.example/http-bind";

    @StartStop
    private final MockWebServer proxy = new MockWebServer();

    @Test
    void aManualProxyCarriesEveryRequest() throws Exception {
        proxy.enqueue(new MockResponse.Builder().body("ok").build());
        OkHttpClient client = client(ProxySetting.manual("127.0.0.1", proxy.getPort()), Map.of());
        try (Response response = client.newCall(new Request.Builder().url(TARGET).build()).execute()) {
            assertThat(response.body().string()).isEqualTo("ok");
        }
        assertThat(proxy.takeRequest().getRequestLine()).isEqualTo("GET " + TARGET + " HTTP/1.1");
        assertThat(HttpProxies.describe(client, TARGET)).isEqualTo("the proxy at 127.0.0.1:" + proxy.getPort());
    }

    @Test
    void aProxyLoginIsSentOnceAndARefusalEndsTheCallWithTheProxysReason() throws Exception {
        MockResponse challenge = new MockResponse.Builder().code(407)
                .addHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build();
        proxy.enqueue(challenge);
        proxy.enqueue(challenge);
        proxy.enqueue(new MockResponse.Builder().body("never asked for").build());
        OkHttpClient client = client(ProxySetting.manual("127.0.0.1", proxy.getPort(), "me", "wrong".toCharArray()),
                Map.of());

        assertThatThrownBy(() -> client.newCall(new Request.Builder().url(TARGET).build()).execute())
                .isInstanceOf(ProxyAuthenticationException.class).hasMessage("The proxy at 127.0.0.1:"
                        + proxy.getPort() + " refused the proxy user name or password (HTTP 407).");
        assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization"))
                .isEqualTo(Credentials.basic("me", "wrong"));
        assertThat(proxy.getRequestCount()).as("asked once without, once with; never again").isEqualTo(2);
    }

    @Test
    void aProxyThatAnswersTheLoginWith401RefusedIt() throws Exception {
        proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"x\"")
                .build());
        proxy.enqueue(new MockResponse.Builder().code(401).build());
        OkHttpClient client = client(ProxySetting.manual("127.0.0.1", proxy.getPort(), "me", "wrong".toCharArray()),
                Map.of());
        assertThatThrownBy(() -> client.newCall(new Request.Builder().url(TARGET).build()).execute())
                .isInstanceOf(ProxyAuthenticationException.class).hasMessageEndingWith("(HTTP 401).");
    }

    @Test
    void aProxyLoginTheAccountDoesNotHaveIsNamedAsMissing() {
        proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"x\"")
                .build());
        OkHttpClient client = client(ProxySetting.manual("127.0.0.1", proxy.getPort()), Map.of());
        assertThatThrownBy(() -> client.newCall(new Request.Builder().url(TARGET).build()).execute())
                .isInstanceOf(ProxyAuthenticationException.class)
                .hasMessageContaining("asks for a user name and password (HTTP 407), and none is set for it");
        assertThat(proxy.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theSystemSettingFollowsTheEnvironmentAndItsNoProxyList() throws Exception {
        proxy.enqueue(new MockResponse.Builder().body("via proxy").build());
        Map<String, String> env = new HashMap<>();
        env.put("http_proxy", "http://127.0.0.1:" + proxy.getPort());
        env.put("no_proxy", "direct.example");
        OkHttpClient client = client(ProxySetting.system(), env);
        try (Response response = client.newCall(new Request.Builder().url(TARGET).build()).execute()) {
            assertThat(response.body().string()).isEqualTo("via proxy");
        }
        assertThat(HttpProxies.describe(client, "http://direct.example/")).isNull();
        assertThat(HttpProxies.describe(client, "ws://chat.jitterbug.example/ws")).isEqualTo("the proxy at 127.0.0.1:"
                + proxy.getPort());
    }

    @Test
    void noneGoesDirectEvenWhenTheSharedClientHadAProxy() {
        OkHttpClient shared = new OkHttpClient.Builder().proxy(new Proxy(Proxy.Type.HTTP,
                new InetSocketAddress("127.0.0.1", proxy.getPort()))).build();
        OkHttpClient client = HttpProxies.apply(shared.newBuilder(), ProxySetting.none()).build();
        assertThat(HttpProxies.describe(client, TARGET)).isNull();
    }

    @Test
    void theProxyPasswordIsNeverInTheSettingsText() {
        ProxySetting setting = ProxySetting.manual("proxy.corp", 3128, "me", "s3cret-pw".toCharArray());
        assertThat(setting.toString()).isEqualTo("MANUAL proxy.corp:3128 as me").doesNotContain("s3cret-pw");
    }

    private static OkHttpClient client(ProxySetting setting, Map<String, String> env) {
        return HttpProxies.apply(new OkHttpClient.Builder(), setting, new EnvironmentProxySelector(env, null))
                .build();
    }
}
