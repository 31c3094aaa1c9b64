package dev.jitterbug.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A validated retry-config document: the parameters most accounts use and the cohorts that use others.
 * Immutable; obtain one from {@link RetryConfigParser}.
 */
public final class RetryConfigDocument {
    /** The document format this client reads. */
    public static final int FORMAT = 1;

    private final String version;
    private final RetryConfig baseConfig;
    private final List<Cohort> cohorts;

    RetryConfigDocument(String version, RetryConfig baseConfig, List<Cohort> cohorts) {
        this.version = version;
        this.baseConfig = HardLimits.clamp(baseConfig);
        this.cohorts = Collections.unmodifiableList(new ArrayList<>(cohorts));
    }

    /** The document a client uses before it has ever fetched one. */
    public static RetryConfigDocument builtin() {
        return new RetryConfigDocument(RetryConfig.defaults().version(), RetryConfig.defaults(),
                Collections.<Cohort>emptyList());
    }

    /** A document without cohorts whose parameters are exactly {@code config} (within hard limits): for code and the simulator. */
    public static RetryConfigDocument of(RetryConfig config) {
        return new RetryConfigDocument(config.version(), config, Collections.<Cohort>emptyList());
    }

    /** The operator's label for this document. */
    public String version() {
        return version;
    }

    /** The parameters of every account outside a cohort. */
    public RetryConfig baseConfig() {
        return baseConfig;
    }

    public List<Cohort> cohorts() {
        return cohorts;
    }

    /** The cohort the account belongs to, or {@code null} when it gets the base parameters. */
    public Cohort cohortOf(String bareJid) {
        int bucket = AccountBuckets.bucketOf(bareJid);
        for (Cohort cohort : cohorts) {
            if (cohort.contains(bucket)) {
                return cohort;
            }
        }
        return null;
    }

    /** The effective parameters for the account: its cohort's, else the base ones. Within hard limits. */
    public RetryConfig configFor(String bareJid) {
        Cohort cohort = cohortOf(bareJid);
        return cohort != null ? cohort.config() : baseConfig;
    }
}
