package dev.jitterbug.internal.client;

import dev.jitterbug.platform.SecretStore;
import dev.jitterbug.session.sasl.ScramKeyCache;
import dev.jitterbug.session.sasl.ScramKeys;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's SCRAM keys: in memory for the client's lifetime, and in the secret store (the keychain) when there is
 * one, under a name of their own beside the password. Used on the login worker thread, so keychain calls never run
 * on the event thread.
 */
final class KeptScramKeys implements ScramKeyCache {
    private static final Logger LOG = LoggerFactory.getLogger(KeptScramKeys.class);
    private static final ScramKeys NOT_STORED = new ScramKeys("-", "-", 0, new byte[0], new byte[0]);

    private final SecretStore secrets;
    private final String account;
    private final Map<String, ScramKeys> byMechanism = new ConcurrentHashMap<>();

    KeptScramKeys(SecretStore secrets, String account) {
        this.secrets = secrets;
        this.account = account;
    }

    @Override
    public ScramKeys find(String mechanism) {
        ScramKeys keys = byMechanism.computeIfAbsent(mechanism, this::load);
        return keys == NOT_STORED ? null : keys;
    }

    @Override
    public void remember(ScramKeys keys) {
        byMechanism.put(keys.mechanism(), keys);
        if (secrets.isAvailable()) {
            try {
                secrets.save(name(keys.mechanism()), keys.encode());
            } catch (RuntimeException e) {
                LOG.debug("could not keep the SCRAM keys in the secret store: {}", e.toString());
            }
        }
    }

    @Override
    public void forget(String mechanism) {
        byMechanism.put(mechanism, NOT_STORED);
        if (secrets.isAvailable()) {
            try {
                secrets.delete(name(mechanism));
            } catch (RuntimeException e) {
                LOG.debug("could not drop the SCRAM keys from the secret store: {}", e.toString());
            }
        }
    }

    private ScramKeys load(String mechanism) {
        if (!secrets.isAvailable()) {
            return NOT_STORED;
        }
        try {
            ScramKeys stored = ScramKeys.decode(secrets.load(name(mechanism)));
            return stored != null && stored.mechanism().equals(mechanism) ? stored : NOT_STORED;
        } catch (RuntimeException e) {
            LOG.debug("could not read the SCRAM keys from the secret store: {}", e.toString());
            return NOT_STORED;
        }
    }

    private String name(String mechanism) {
        return account + " " + mechanism + " keys";
    }
}
