package dev.jitterbug.session;

/** What one login or resumption needs to know. Immutable apart from the password array, which the caller owns. */
public final class LoginRequest {
    final String domain;
    final String username;
    final char[] password;
    final String resource;
    final String userAgentId;
    final boolean plainAllowed;
    final boolean preferSasl2;
    final boolean resumptionEnabled;
    final long timeoutMillis;
    final FeatureHints hints;
    final long sasl2AnswerTimeoutMillis;
    final long resumeAnswerTimeoutMillis;
    final boolean loginIfResumeRefused;
    final dev.jitterbug.session.sasl.ScramKeyCache scramKeys;

    private LoginRequest(Builder b) {
        this.domain = b.domain;
        this.username = b.username;
        this.password = b.password;
        this.resource = b.resource;
        this.userAgentId = b.userAgentId;
        this.plainAllowed = b.plainAllowed;
        this.preferSasl2 = b.preferSasl2;
        this.resumptionEnabled = b.resumptionEnabled;
        this.timeoutMillis = b.timeoutMillis;
        this.hints = b.hints;
        this.sasl2AnswerTimeoutMillis = b.sasl2AnswerTimeoutMillis;
        this.resumeAnswerTimeoutMillis = b.resumeAnswerTimeoutMillis;
        this.loginIfResumeRefused = b.loginIfResumeRefused;
        this.scramKeys = b.scramKeys;
    }

    /** The same request without SASL2 (a server whose SASL2 does not answer) and without shortcuts. */
    public LoginRequest withoutSasl2() {
        return copy().preferSasl2(false).build();
    }

    /**
     * The same request without trying to resume (the server cannot resume on this transport). A resume-only
     * request becomes a full login: the server is alive, it just cannot resume here.
     */
    public LoginRequest withoutResumption() {
        return copy().resumptionEnabled(false).loginIfResumeRefused(true).hints(hints).build();
    }

    /** The same request, ending with {@code RESUME_REFUSED} instead of a full login if the resume is refused. */
    public LoginRequest resumeOnly() {
        return copy().loginIfResumeRefused(false).hints(hints).build();
    }

    /** Everything but the feature hints (a retry on a fresh connection takes no shortcuts unless it says so). */
    private Builder copy() {
        return new Builder(domain, username, password).resource(resource).userAgentId(userAgentId)
                .plainAllowed(plainAllowed).preferSasl2(preferSasl2).resumptionEnabled(resumptionEnabled)
                .timeoutMillis(timeoutMillis).sasl2AnswerTimeoutMillis(sasl2AnswerTimeoutMillis)
                .resumeAnswerTimeoutMillis(resumeAnswerTimeoutMillis).loginIfResumeRefused(loginIfResumeRefused)
                .scramKeys(scramKeys);
    }

    public static Builder builder(String domain, String username, char[] password) {
        return new Builder(domain, username, password);
    }

    public static final class Builder {
        private final String domain;
        private final String username;
        private final char[] password;
        private String resource = "jitterbug";
        private String userAgentId = "00000000-0000-4000-8000-000000000000";
        private boolean plainAllowed;
        private boolean preferSasl2 = true;
        private boolean resumptionEnabled = true;
        private long timeoutMillis = 30_000;
        private FeatureHints hints;
        private long sasl2AnswerTimeoutMillis = 8_000;
        private long resumeAnswerTimeoutMillis = 5_000;
        private boolean loginIfResumeRefused = true;
        private dev.jitterbug.session.sasl.ScramKeyCache scramKeys = dev.jitterbug.session.sasl.ScramKeyCache.NONE;

        private Builder(String domain, String username, char[] password) {
            this.domain = domain;
            this.username = username;
            this.password = password;
        }

        public Builder resource(String v) { this.resource = v; return this; }
        public Builder userAgentId(String v) { this.userAgentId = v; return this; }
        /** PLAIN may be used (only true over TLS, or with the explicit insecure-loopback option). */
        public Builder plainAllowed(boolean v) { this.plainAllowed = v; return this; }
        public Builder preferSasl2(boolean v) { this.preferSasl2 = v; return this; }
        public Builder resumptionEnabled(boolean v) { this.resumptionEnabled = v; return this; }
        public Builder timeoutMillis(long v) { this.timeoutMillis = v; return this; }
        /** What the server offered last time, to pipeline authentication after the stream open. */
        public Builder hints(FeatureHints v) { this.hints = v; return this; }

        /**
         * How long to wait for the first SASL2 answer before concluding the server's SASL2 is broken (Prosody
         * 0.12's mod_sasl2 never answers over BOSH) and logging in the classic way instead.
         */
        public Builder sasl2AnswerTimeoutMillis(long v) { this.sasl2AnswerTimeoutMillis = v; return this; }

        /** How long to wait for {@code <resumed/>}; Prosody 0.12 crashes resuming a BOSH session and never answers. */
        public Builder resumeAnswerTimeoutMillis(long v) { this.resumeAnswerTimeoutMillis = v; return this; }

        /**
         * Whether a resume the server refuses is followed by a full login in the same attempt (true), or ends the
         * attempt with {@code RESUME_REFUSED} (false: a quick resume attempt; the full login waits for a spread).
         */
        public Builder loginIfResumeRefused(boolean v) { this.loginIfResumeRefused = v; return this; }

        /** Where SCRAM keys derived from the password are kept between logins (none by default). */
        public Builder scramKeys(dev.jitterbug.session.sasl.ScramKeyCache v) {
            this.scramKeys = v == null ? dev.jitterbug.session.sasl.ScramKeyCache.NONE : v;
            return this;
        }

        public LoginRequest build() {
            return new LoginRequest(this);
        }
    }
}
