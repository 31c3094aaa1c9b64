package dev.jitterbug.fx.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.ProxySetting;
import dev.jitterbug.StopReason;
import dev.jitterbug.platform.SecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The login form's proxy choice without a UI: what reaches the client's options, and errors next to the fields. */
class ProxyFormViewModelTest {
    private final Executor inline = Runnable::run;
    private final List<LoginViewModel.Request> submitted = new ArrayList<>();
    private int failed;

    @Test
    void theSystemSettingsAreTheDefaultAndReachTheClientOptions() {
        LoginViewModel login = filledIn();
        assertThat(login.proxy().manualProperty().get()).as("manual fields off").isFalse();
        login.submit();
        assertThat(options(0).proxy()).isEqualTo(ProxySetting.system());
    }

    @Test
    void noProxyAndAManualProxyWithItsLoginReachTheClientOptions() {
        LoginViewModel login = filledIn();
        login.proxy().modeProperty().set(ProxySetting.Mode.NONE);
        login.submit();
        assertThat(options(0).proxy()).isEqualTo(ProxySetting.none());

        login.onConnectionEvent(ConnectionEvent.online(ConnectionState.CONNECTED, 0));
        login.passwordProperty().set("secret");
        ProxyFormViewModel proxy = login.proxy();
        proxy.modeProperty().set(ProxySetting.Mode.MANUAL);
        assertThat(proxy.manualProperty().get()).isTrue();
        proxy.hostProperty().set(" proxy.corp.example ");
        proxy.portProperty().set("3128");
        proxy.userProperty().set("me");
        proxy.passwordProperty().set("proxy-secret");
        login.submit();

        ProxySetting chosen = options(1).proxy();
        assertThat(chosen).isEqualTo(ProxySetting.manual("proxy.corp.example", 3128, "me",
                "proxy-secret".toCharArray()));
        assertThat(new String(chosen.password())).isEqualTo("proxy-secret");
        assertThat(chosen.toString()).doesNotContain("proxy-secret");
        login.onConnectionEvent(ConnectionEvent.online(ConnectionState.CONNECTED, 0));
        assertThat(proxy.passwordProperty().get()).as("not kept in the form after signing in").isEmpty();
    }

    @Test
    void aManualProxyNeedsAHostAndAPortAndAUserForItsPassword() {
        LoginViewModel login = filledIn();
        ProxyFormViewModel proxy = login.proxy();
        proxy.modeProperty().set(ProxySetting.Mode.MANUAL);
        login.submit();
        assertThat(proxy.errorProperty().get()).startsWith("Enter the proxy's host name");

        proxy.hostProperty().set("proxy.corp.example");
        proxy.portProperty().set("70000");
        login.submit();
        assertThat(proxy.errorProperty().get()).startsWith("Enter the proxy's port");

        proxy.portProperty().set("8080");
        proxy.passwordProperty().set("orphan");
        login.submit();
        assertThat(proxy.errorProperty().get()).isEqualTo("Enter the proxy user name that goes with the password.");
        assertThat(submitted).as("nothing submitted while the proxy fields are wrong").isEmpty();

        proxy.userProperty().set("me");
        login.submit();
        assertThat(proxy.errorProperty().get()).isEmpty();
        assertThat(submitted).hasSize(1);
    }

    @Test
    void aRefusedProxyLoginIsShownNextToTheProxyFieldsNotTheAccountPassword() {
        LoginViewModel login = filledIn();
        login.proxy().modeProperty().set(ProxySetting.Mode.MANUAL);
        login.proxy().hostProperty().set("proxy.corp.example");
        login.proxy().portProperty().set("3128");
        login.submit();
        String reason = "The proxy at proxy.corp.example:3128 refused the proxy user name or password (HTTP 407).";
        login.onConnectionEvent(ConnectionEvent.stopped(0, Failure.of(Failure.Kind.PROXY_AUTHENTICATION, reason),
                StopReason.PROXY_LOGIN_REFUSED, null));

        assertThat(login.proxy().errorProperty().get()).isEqualTo(reason);
        assertThat(login.passwordErrorProperty().get()).isEmpty();
        assertThat(login.serverErrorProperty().get()).isEmpty();
        assertThat(failed).isEqualTo(1);
    }

    private ClientOptions options(int index) {
        return submitted.get(index).options().build();
    }

    private LoginViewModel filledIn() {
        LoginViewModel login = new LoginViewModel(submitted::add, () -> failed++,
                new PasswordMemory(() -> SecretStore.none("no keychain in this test"), inline, inline));
        login.accountProperty().set("alice@example.org");
        login.passwordProperty().set("secret");
        return login;
    }
}
