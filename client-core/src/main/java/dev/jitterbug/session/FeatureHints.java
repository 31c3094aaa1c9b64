package dev.jitterbug.session;

/**
 * What a server offered on the last login (SASL2 or not, the mechanism we chose), kept so the next login can send
 * its authentication right after the stream open instead of waiting for the features: one round trip less.
 */
public final class FeatureHints {
    private final boolean sasl2;
    private final String mechanism;

    public FeatureHints(boolean sasl2, String mechanism) {
        this.sasl2 = sasl2;
        this.mechanism = mechanism;
    }

    public boolean sasl2() {
        return sasl2;
    }

    public String mechanism() {
        return mechanism;
    }

    /** A compact form for storage: "sasl2:SCRAM-SHA-256" or "sasl:SCRAM-SHA-1". */
    public String encode() {
        return (sasl2 ? "sasl2:" : "sasl:") + mechanism;
    }

    public static FeatureHints decode(String encoded) {
        if (encoded == null || encoded.indexOf(':') < 0) {
            return null;
        }
        int colon = encoded.indexOf(':');
        return new FeatureHints(encoded.substring(0, colon).equals("sasl2"), encoded.substring(colon + 1));
    }
}
