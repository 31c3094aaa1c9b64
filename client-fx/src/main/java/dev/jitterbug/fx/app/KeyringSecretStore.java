package dev.jitterbug.fx.app;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.jitterbug.platform.SecretStore;

/**
 * Passwords in the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through
 * java-keyring. Where none answers — a Linux desktop without a keyring daemon, a headless machine — {@link #open()}
 * returns a store that keeps nothing and says why; the password is then stored nowhere else either.
 *
 * <p>Every method may block on the keychain (D-Bus, a system prompt): call them off the FX thread.
 */
final class KeyringSecretStore implements SecretStore {
    static final String SERVICE = "Jitterbug";

    private final Keyring keyring;

    private KeyringSecretStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The OS keychain if one answers, else a store that keeps nothing. Blocks: not on the FX thread. */
    static SecretStore open() {
        if (isLinux() && System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            return SecretStore.none("No keychain is available on this desktop (no D-Bus session), so the password"
                    + " will not be stored.");
        }
        Keyring keyring;
        try {
            keyring = Keyring.create();
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            return SecretStore.none("No keychain is available on this system, so the password will not be stored.");
        }
        KeyringSecretStore store = new KeyringSecretStore(keyring);
        try {
            // The backend may exist but not answer (no keyring daemon): a read of an absent entry tells.
            keyring.getPassword(SERVICE, "jitterbug-keychain-probe");
        } catch (PasswordAccessException absent) {
            // an answer: the entry does not exist, the keychain works
        } catch (RuntimeException | LinkageError e) {
            return SecretStore.none("The keychain did not answer (" + e.getClass().getSimpleName()
                    + "), so the password will not be stored.");
        }
        return store;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String description() {
        return "Stored in the system keychain (" + keyring.getKeyringStorageType() + ").";
    }

    @Override
    public char[] load(String account) {
        try {
            String password = keyring.getPassword(SERVICE, account);
            return password == null ? null : password.toCharArray();
        } catch (PasswordAccessException absent) {
            return null;
        }
    }

    @Override
    public void save(String account, char[] secret) {
        try {
            keyring.setPassword(SERVICE, account, new String(secret));
        } catch (PasswordAccessException e) {
            throw new IllegalStateException("The keychain refused to store the password: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String account) {
        try {
            keyring.deletePassword(SERVICE, account);
        } catch (PasswordAccessException absent) {
            // nothing was stored
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }
}
