package dev.jitterbug.fx.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.FailureCategory;
import dev.jitterbug.StopReason;
import dev.jitterbug.platform.SecretStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The login form without a UI: field errors in words, and "remember me" only where a keychain exists. */
class LoginViewModelTest {
    private final Executor inline = Runnable::run;
    private final List<LoginViewModel.Request> submitted = new ArrayList<>();
    /** Logins the form gave up on (the shell then stops the client). */
    private int failed;
    private final FakeKeychain keychain = new FakeKeychain();

    @Test
    void withoutAKeychainSaysSoAndStoresNothing() {
        LoginViewModel login = new LoginViewModel(submitted::add, () -> failed++, new PasswordMemory(
                () -> SecretStore.none("No keychain is available on this desktop, so the password will not be stored."),
                inline, inline));
        assertThat(login.rememberAvailableProperty().get()).isFalse();
        assertThat(login.rememberNoteProperty().get()).contains("No keychain").contains("will not be stored");

        fill(login, "alice@example.org", "secret");
        login.rememberProperty().set(true);
        login.submit();
        login.onConnectionEvent(online());

        assertThat(submitted.get(0).remember).isFalse();
    }

    @Test
    void remembersAPasswordTheServerAcceptedAndFillsItInNextTime() {
        LoginViewModel login = withKeychain();
        assertThat(login.rememberAvailableProperty().get()).isTrue();
        fill(login, "alice@example.org", "secret");
        login.rememberProperty().set(true);
        login.submit();
        assertThat(keychain.entries).as("not before the server accepted it").isEmpty();

        login.onConnectionEvent(online());
        assertThat(keychain.entries).containsEntry("alice@example.org", "secret");
        assertThat(login.passwordProperty().get()).as("the form forgets it").isEmpty();
        assertThat(failed).isZero();

        LoginViewModel next = withKeychain();
        next.accountProperty().set("alice@example.org");
        next.accountEntered();
        assertThat(next.passwordProperty().get()).isEqualTo("secret");
        assertThat(next.rememberProperty().get()).isTrue();
    }

    @Test
    void untickingRememberForgetsTheStoredPassword() {
        keychain.entries.put("alice@example.org", "old");
        LoginViewModel login = withKeychain();
        fill(login, "alice@example.org", "secret");
        login.submit();
        login.onConnectionEvent(online());

        assertThat(keychain.entries).isEmpty();
    }

    @Test
    void aRejectedPasswordIsShownNextToThePasswordAndNotRemembered() {
        LoginViewModel login = withKeychain();
        fill(login, "alice@example.org", "wrong");
        login.rememberProperty().set(true);
        login.submit();

        login.onConnectionEvent(ConnectionEvent.stopped(0,
                Failure.of(Failure.Kind.NOT_AUTHORIZED, "The server did not accept this address and password."),
                StopReason.LOGIN_REFUSED, null));

        assertThat(login.passwordErrorProperty().get()).isEqualTo("The server did not accept this address and password.");
        assertThat(login.serverErrorProperty().get()).isEmpty();
        assertThat(login.busyProperty().get()).isFalse();
        assertThat(failed).as("the shell is told to stop trying").isEqualTo(1);
        login.onConnectionEvent(online());
        assertThat(keychain.entries).isEmpty();
    }

    @Test
    void anUnreachableServerIsShownNextToTheServerField() {
        LoginViewModel login = withKeychain();
        fill(login, "alice@example.org", "secret");
        login.submit();

        login.onConnectionEvent(ConnectionEvent.disconnected(0,
                Failure.of(Failure.Kind.CONNECTION_REFUSED, "Nothing answers at chat.example.org."),
                FailureCategory.SERVER_SIDE, 1));

        assertThat(login.serverErrorProperty().get()).isEqualTo("Nothing answers at chat.example.org.");
        assertThat(login.passwordErrorProperty().get()).isEmpty();
        assertThat(failed).isEqualTo(1);
    }

    @Test
    void checksTheFormBeforeSubmitting() {
        LoginViewModel login = withKeychain();
        fill(login, "example.org", "");
        login.serverProperty().set("ftp://example.org");
        login.submit();

        assertThat(submitted).isEmpty();
        assertThat(login.accountErrorProperty().get()).isEqualTo("Enter your full address, like alice@example.org.");
        assertThat(login.passwordErrorProperty().get()).isEqualTo("Enter your password.");
        assertThat(login.serverErrorProperty().get()).startsWith("Use a WebSocket (wss://…) or BOSH (https://…) address");
    }

    /** Goes red if the form lets a plain-text address for another machine through without the setting. */
    @Test
    void anUnencryptedAddressForAnotherMachineIsRefusedUnlessTheUserAllowsIt() {
        LoginViewModel login = withKeychain();
        assertThat(login.allowUnencryptedProperty().get()).as("off by default").isFalse();
        fill(login, "alice@example.org", "secret");
        login.serverProperty().set("ws://chat.example.org/xmpp-websocket");
        login.submit();

        assertThat(submitted).as("no connection attempt").isEmpty();
        assertThat(login.busyProperty().get()).isFalse();
        assertThat(login.serverErrorProperty().get()).isEqualTo("Jitterbug refuses to connect to chat.example.org "
                + "without encryption (ws://chat.example.org/xmpp-websocket); use wss://…, or allow unencrypted "
                + "connections for this account.");

        login.allowUnencryptedProperty().set(true);
        login.submit();
        assertThat(login.serverErrorProperty().get()).isEmpty();
        assertThat(submitted).singleElement().satisfies(request -> {
            assertThat(request.insecureUnencryptedConnectionsForThisAccount).isTrue();
            assertThat(request.options().build().insecureUnencryptedConnectionsForThisAccount()).isTrue();
        });
    }

    @Test
    void unencryptedAddressesOnThisMachineAndEncryptedOnesNeedNoSetting() {
        for (String address : new String[] {"ws://127.0.0.1:5280/xmpp-websocket", "http://localhost:5280/http-bind",
                "https://chat.example.org/http-bind"}) {
            LoginViewModel login = withKeychain();
            fill(login, "alice@example.org", "secret");
            login.serverProperty().set(address);
            login.submit();
            assertThat(login.serverErrorProperty().get()).as(address).isEmpty();
        }
        assertThat(submitted).hasSize(3).noneMatch(request -> request.insecureUnencryptedConnectionsForThisAccount);
        assertThat(submitted.get(0).options().build().endpoint()).hasToString("ws://127.0.0.1:5280/xmpp-websocket");
    }

    private LoginViewModel withKeychain() {
        return new LoginViewModel(submitted::add, () -> failed++, new PasswordMemory(() -> keychain, inline, inline));
    }

    private static void fill(LoginViewModel login, String account, String password) {
        login.accountProperty().set(account);
        login.passwordProperty().set(password);
    }

    private static ConnectionEvent online() {
        return ConnectionEvent.online(ConnectionState.CONNECTED, 0);
    }

    private static final class FakeKeychain implements SecretStore {
        final Map<String, String> entries = new HashMap<>();

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public String description() {
            return "Stored in the test keychain.";
        }

        @Override
        public char[] load(String account) {
            String value = entries.get(account);
            return value == null ? null : value.toCharArray();
        }

        @Override
        public void save(String account, char[] secret) {
            entries.put(account, new String(secret));
        }

        @Override
        public void delete(String account) {
            entries.remove(account);
        }
    }
}
