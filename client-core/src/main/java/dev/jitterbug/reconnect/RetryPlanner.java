package dev.jitterbug.reconnect;

/**
 * The one place every retry in the product gets its wait: session reconnects, room rejoins, BOSH resends, archive
 * catch-up retries and retry-config fetches. Pure: the answer depends only on the policy, the burst's state, the
 * cause and the random source, so the storm simulator and the tests run exactly what clients run.
 *
 * <p>Every wait is drawn uniformly from a range, and the planner shapes the range before drawing, never the drawn
 * value: the range is kept inside the floor and the cap, and widened to at least {@link #MIN_SPAN_MILLIS} (and a
 * quarter of its upper end). So at the floor and at the cap the wait is still jittered, and whatever the policy, the
 * chance that a client's wait falls into any given 10 ms is at most 1 %: a fleet that failed together cannot come
 * back in step. (Clamping a drawn value instead puts every client whose draw fell outside onto the same value: the
 * floor, or the cap, as AWS's decorrelated jitter does.) The algorithms a document may not name (no jitter, or a
 * clamp by design) run as published, for the simulator's comparisons only.
 */
public final class RetryPlanner {
    /** The narrowest range any wait is drawn from: 10 ms is then at most 1 % of it. */
    public static final long MIN_SPAN_MILLIS = 1_000;
    /** A range is also at least this share of its upper end, so long waits stay spread in proportion. */
    public static final double MIN_RELATIVE_SPAN = 0.25;
    /** The longest {@code Retry-After} honoured (10 minutes): a hostile value must not park clients for days. */
    public static final long MAX_RETRY_AFTER_MILLIS = 10 * 60_000L;

    private final RandomSource random;

    public RetryPlanner(RandomSource random) {
        if (random == null) {
            throw new IllegalArgumentException("the retry planner needs a random source");
        }
        this.random = random;
    }

    /** The next wait and the state after it. */
    public Plan plan(RetryPolicy policy, RetryState state, RetryCause cause, long retryAfterMillis) {
        boolean widen = policy.algorithm().documentAllowed(); // the simulator's anti-patterns run as published
        Range range;
        RetryState next;
        if (cause == RetryCause.QUICK) {
            range = window(policy.quickWindowMillis(), "quick retry", widen);
            next = state;
        } else if (cause == RetryCause.SERVER_FAILURE && !state.spreadUsed()) {
            range = window(policy.spreadMillis(), "first retry spread over " + policy.spreadMillis() + " ms", widen);
            // If this attempt fails too, the server is still struggling: the decorrelated policies continue from the
            // scale of the spread window rather than from the base, so clients refused early do not return at once.
            next = state.afterSpread((long) (policy.spreadMillis() / Math.max(1.0, policy.multiplier())));
        } else {
            range = backoff(policy, state);
            next = null; // after the draw: decorrelated policies grow from the delay itself
        }
        if (retryAfterMillis > 0) {
            // Retry-After is a lower bound, plus up to a third of it so a fleet told the same number spreads out.
            long honoured = Math.min(retryAfterMillis, MAX_RETRY_AFTER_MILLIS);
            if (honoured > range.from) {
                range = new Range(honoured, Math.max(range.to, honoured + honoured / 3.0), honoured, Long.MAX_VALUE,
                        range.why + "; the server asked us to wait " + honoured + " ms", widen);
            }
        }
        RetryDelay delay = range.draw(random);
        return new Plan(delay, next != null ? next : state.afterBackoff(delay.millis()));
    }

    /** A wait in [0, window], the window widened to {@link #MIN_SPAN_MILLIS}. */
    private static Range window(long windowMillis, String why, boolean widen) {
        return new Range(0, windowMillis, 0, Long.MAX_VALUE, why, widen);
    }

    private Range backoff(RetryPolicy policy, RetryState state) {
        BackoffPolicy backoff = policy.backoff();
        int step = state.backoffSteps() + 1;
        String why = policy.algorithm().jsonName() + " backoff";
        long floor = policy.floorMillis();
        long cap = policy.capMillis(); // at most RetryPolicy.LONGEST_WAIT_MILLIS, and at least the floor
        if (!policy.algorithm().documentAllowed() || !(backoff instanceof JitteredBackoff)) {
            long published = Math.max(floor, Math.min(cap, backoff.delayMillis(step, state.previousMillis(), random)));
            return new Range(published, published, floor, cap, why + " (as published: simulator only)", false);
        }
        JitteredBackoff jittered = (JitteredBackoff) backoff;
        return new Range(jittered.lowMillis(step, state.previousMillis()),
                jittered.highMillis(step, state.previousMillis()), floor, cap, why, true);
    }

    /** A range to draw from, shaped to lie within [floor, ceiling] and, when {@code widen}, to be wide enough. */
    private static final class Range {
        final double from;
        final double to;
        final String why;

        Range(double low, double high, long floor, long ceiling, String why, boolean widen) {
            double from = Math.max(floor, Math.min(low, ceiling));
            double to = Math.max(from, Math.min(high, ceiling));
            double span = Math.max(MIN_SPAN_MILLIS, MIN_RELATIVE_SPAN * to);
            if (widen && to - from < span) {
                to = Math.min((double) ceiling, from + span);
                from = Math.max(floor, to - span); // at the ceiling the range grows downwards instead
            }
            this.from = from;
            this.to = to;
            this.why = why;
        }

        RetryDelay draw(RandomSource random) {
            long drawn = (long) random.uniform(from, to);
            return new RetryDelay(drawn, (long) from, (long) to, why);
        }
    }

    /** A planned wait and the burst's state after it. */
    public static final class Plan {
        private final RetryDelay delay;
        private final RetryState next;

        Plan(RetryDelay delay, RetryState next) {
            this.delay = delay;
            this.next = next;
        }

        public RetryDelay delay() {
            return delay;
        }

        public RetryState next() {
            return next;
        }
    }
}
