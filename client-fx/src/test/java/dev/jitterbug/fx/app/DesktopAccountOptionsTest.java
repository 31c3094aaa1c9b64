package dev.jitterbug.fx.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.TrustedCertificates;
import dev.jitterbug.fx.login.LoginViewModel;
import dev.jitterbug.fx.login.PasswordMemory;
import dev.jitterbug.testing.InMemorySecretStore;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's accounts keep their SCRAM keys in the OS keychain, opened only when a login first needs it. */
class DesktopAccountOptionsTest {
    @TempDir
    Path accounts;

    @Test
    void anAccountKeepsItsScramKeysInTheKeychainOpenedOnFirstUse() {
        InMemorySecretStore keychain = new InMemorySecretStore();
        AtomicInteger opened = new AtomicInteger();
        KeychainOnFirstUse onFirstUse = new KeychainOnFirstUse(() -> {
            opened.incrementAndGet();
            return keychain;
        });
        // A config address nothing listens on: the fetch fails quietly, and no traffic leaves the machine.
        try (DesktopAccountOptions desktop = new DesktopAccountOptions("https://127.0.0.1:9/retry.json",
                TrustedCertificates.platform(), onFirstUse, jid -> accounts.resolve(jid.bare().toString()))) {
            ClientOptions options = desktop.create(signIn("alice@example.org"), status -> { });
            assertThat(opened).as("the keychain is not opened before a secret is needed").hasValue(0);

            options.secrets().save("alice@example.org SCRAM-SHA-256 keys", "kept".toCharArray());
            assertThat(keychain.load("alice@example.org SCRAM-SHA-256 keys")).containsExactly("kept".toCharArray());
            ClientOptions again = desktop.create(signIn("alice@example.org"), status -> { });
            assertThat(again.secrets().load("alice@example.org SCRAM-SHA-256 keys"))
                    .as("a second sign-in finds the keys").containsExactly("kept".toCharArray());
            assertThat(opened).as("opened once, then shared").hasValue(1);
        }
    }

    private static LoginViewModel.Request signIn(String account) {
        AtomicReference<LoginViewModel.Request> submitted = new AtomicReference<>();
        LoginViewModel form = new LoginViewModel(submitted::set, () -> { },
                PasswordMemory.none("No keychain for the form in this test."));
        form.accountProperty().set(account);
        form.passwordProperty().set("alice-secret");
        form.submit();
        return submitted.get();
    }
}
