package dev.jitterbug.platform;

/** Where passwords may be kept: the OS keychain, or nowhere. */
public interface SecretStore {
    /** Whether secrets can be stored at all (false when no keychain is available). */
    boolean isAvailable();

    /** A short sentence for the UI about where secrets go, or why they cannot be stored. */
    String description();

    /** The secret, or {@code null}. */
    char[] load(String account);

    /** Stores the secret; throws {@link IllegalStateException} when the store is not available. */
    void save(String account, char[] secret);

    void delete(String account);

    /** A store that keeps nothing: used where no keychain exists. */
    static SecretStore none(String why) {
        return new SecretStore() {
            @Override
            public boolean isAvailable() {
                return false;
            }

            @Override
            public String description() {
                return why;
            }

            @Override
            public char[] load(String account) {
                return null;
            }

            @Override
            public void save(String account, char[] secret) {
                throw new IllegalStateException(why);
            }

            @Override
            public void delete(String account) {
                // nothing is ever stored
            }
        };
    }
}
