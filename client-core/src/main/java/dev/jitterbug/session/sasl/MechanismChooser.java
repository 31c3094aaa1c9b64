package dev.jitterbug.session.sasl;

import java.util.Collection;

/**
 * Picks the strongest mechanism both sides support: SCRAM-SHA-256, then SCRAM-SHA-1, then PLAIN — and PLAIN only
 * when the connection is encrypted or the loudly named insecure-loopback option allows it.
 */
public final class MechanismChooser {
    private MechanismChooser() {
    }

    /**
     * @return the mechanism, or {@code null} when there is no acceptable common mechanism
     */
    public static SaslMechanism choose(Collection<String> offered, String username, char[] password,
            boolean plainAllowed) {
        return choose(offered, username, password, plainAllowed, ScramKeyCache.NONE);
    }

    /** Like {@link #choose(Collection, String, char[], boolean)}, with SCRAM keys kept in {@code cache}. */
    public static SaslMechanism choose(Collection<String> offered, String username, char[] password,
            boolean plainAllowed, ScramKeyCache cache) {
        for (ScramMechanism.Variant variant : ScramMechanism.Variant.values()) {
            if (offered.contains(variant.mechanismName())) {
                return new ScramMechanism(variant, username, password, cache);
            }
        }
        if (plainAllowed && offered.contains("PLAIN")) {
            return new PlainMechanism(username, password);
        }
        return null;
    }
}
