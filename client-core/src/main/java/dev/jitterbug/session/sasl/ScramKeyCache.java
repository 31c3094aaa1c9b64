package dev.jitterbug.session.sasl;

/**
 * Where a client keeps its {@link ScramKeys} between logins, so a re-login after a lost session costs no PBKDF2 (10 ms
 * of CPU at 10,000 iterations of SHA-256, more than the server spends on the whole login).
 */
public interface ScramKeyCache {
    /** A cache that keeps nothing. */
    ScramKeyCache NONE = new ScramKeyCache() {
        @Override
        public ScramKeys find(String mechanism) {
            return null;
        }

        @Override
        public void remember(ScramKeys keys) {
        }

        @Override
        public void forget(String mechanism) {
        }
    };

    /** The last keys proven right for this mechanism, or null. */
    ScramKeys find(String mechanism);

    /** Keeps keys the server has just accepted (its signature checked out). */
    void remember(ScramKeys keys);

    /** Drops the keys for this mechanism: the server refused them (the password changed). */
    void forget(String mechanism);
}
