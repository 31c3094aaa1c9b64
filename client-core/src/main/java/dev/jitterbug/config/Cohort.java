package dev.jitterbug.config;

/**
 * A stable share of accounts that gets its own parameter set: the document's parameters with the cohort's overrides
 * laid over them. Cohorts take consecutive bucket ranges in document order (see {@link AccountBuckets}).
 */
public final class Cohort {
    private final String name;
    private final int firstBucket;
    private final int bucketCount;
    private final RetryConfig config;

    Cohort(String name, int firstBucket, int bucketCount, RetryConfig config) {
        this.name = name;
        this.firstBucket = firstBucket;
        this.bucketCount = bucketCount;
        this.config = config;
    }

    public String name() {
        return name;
    }

    /** The share of accounts in percent (hundredths are kept). */
    public double percent() {
        return bucketCount / 100.0;
    }

    /** The first bucket (inclusive) of the cohort's range. */
    public int firstBucket() {
        return firstBucket;
    }

    /** The bucket after the cohort's range (exclusive). */
    public int endBucket() {
        return firstBucket + bucketCount;
    }

    public boolean contains(int bucket) {
        return bucket >= firstBucket && bucket < endBucket();
    }

    /** The effective parameters of this cohort's accounts (its version reads {@code DOCUMENT-VERSION/NAME}). */
    public RetryConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "Cohort{" + name + ", " + percent() + "% (buckets " + firstBucket + ".." + (endBucket() - 1) + ")}";
    }
}
