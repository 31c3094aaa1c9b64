package dev.jitterbug.sim;

/**
 * The service's session acquisition as a single deterministic pipeline: a full login takes {@code 1000 / C} ms of
 * it, a resume (accepted or refused) {@code 1000 / C_resume} ms; work waiting beyond {@code queueLimit} logins' worth
 * is rejected. A dead node refuses connections at no cost; a frozen one accepts them (the kernel's backlog) and does
 * the work once it runs again. The queue is never stored: its length follows from when the last accepted work
 * completes, so the model costs O(1) memory at any fleet size.
 */
final class SimulatedServer {
    /** What happens to one attempt. */
    static final long REFUSED = -1;
    static final long REJECTED = -2;

    private final double loginMillis;
    private final double resumeMillis;
    private final double queueLimitMillis;
    private final long downUntilMillis;
    private final long frozenUntilMillis;
    private double lastCompletionMillis;

    SimulatedServer(StormScenario scenario, long startMillis) {
        this.loginMillis = 1000.0 / scenario.capacityPerSecond();
        this.resumeMillis = 1000.0 / scenario.resumeCapacityPerSecond();
        this.queueLimitMillis = scenario.queueLimit() * loginMillis;
        boolean killed = scenario.kind() == StormScenario.Kind.NODE_KILL;
        boolean frozen = scenario.kind() == StormScenario.Kind.FREEZE;
        this.downUntilMillis = killed ? startMillis + scenario.nodeDownMillis() : startMillis;
        this.frozenUntilMillis = frozen ? startMillis + scenario.nodeDownMillis() : startMillis;
    }

    /** Offers a full login at {@code nowMillis}: its completion time, {@link #REFUSED} or {@link #REJECTED}. */
    long offerLogin(long nowMillis) {
        return offer(nowMillis, loginMillis);
    }

    /** Offers a resume (or a resume the server will refuse): its completion time, or refused or rejected. */
    long offerResume(long nowMillis) {
        return offer(nowMillis, resumeMillis);
    }

    /** When an answer that costs no work (a 503) can leave the server: at once, or when a frozen server runs again. */
    long answersFrom(long nowMillis) {
        return Math.max(nowMillis, frozenUntilMillis);
    }

    private long offer(long nowMillis, double serviceMillis) {
        if (nowMillis < downUntilMillis) {
            return REFUSED;
        }
        double runsFrom = Math.max(nowMillis, frozenUntilMillis);
        double start = Math.max(runsFrom, lastCompletionMillis);
        if (start - runsFrom >= queueLimitMillis + loginMillis) {
            return REJECTED;
        }
        lastCompletionMillis = start + serviceMillis;
        return (long) Math.ceil(lastCompletionMillis);
    }
}
