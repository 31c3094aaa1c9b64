package dev.jitterbug.soak;

import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The soak's counts — what was sent and received, duplicates, losses, order, misdeliveries, recovery, memory, the
 * faults and whether each bit — and the verdict: {@link #violations()} lists every promise the run broke.
 */
public final class SoakReport {
    /** Heap growth allowed whatever the run's size (JIT, class loading, pools warming up). */
    static final long HEAP_ALLOWANCE_BYTES = 16L * 1024 * 1024;
    /**
     * Heap growth allowed per delivery: the bounded structures that grow with traffic (each client's duplicate filter,
     * up to 20,000 ids; the harness's own record, one number per delivery) stay well under this.
     */
    static final long HEAP_PER_DELIVERY_BYTES = 1024;

    public final int sent;
    public final long expectedDeliveries;
    public final long received;
    public final long duplicates;
    public final long lost;
    public final long outOfOrder;
    public final long misdelivered;
    /** Copies of messages beyond the first that the server offered the clients: the duplicate filter's work. */
    public final long extraCopiesOnTheWire;
    public final long recoveryMillis;
    /** The longest time any client spent between losing its session and having one again. */
    public final long maxOutageMillis;
    public final long outageBoundMillis;
    public final long settledMillis;
    public final long heapAtStart;
    public final long heapAtEnd;
    public final List<SoakFaults.Fault> faults;
    public final List<String> endStates;
    public final List<String> problems;

    private SoakReport(Builder b) {
        this.sent = b.sent;
        this.expectedDeliveries = b.expectedDeliveries;
        this.received = b.received;
        this.duplicates = b.duplicates;
        this.lost = b.lost;
        this.outOfOrder = b.outOfOrder;
        this.misdelivered = b.misdelivered;
        this.extraCopiesOnTheWire = b.extraCopies;
        this.recoveryMillis = b.recoveryMillis;
        this.maxOutageMillis = b.maxOutageMillis;
        this.outageBoundMillis = b.outageBoundMillis;
        this.settledMillis = b.settledMillis;
        this.heapAtStart = b.heapAtStart;
        this.heapAtEnd = b.heapAtEnd;
        this.faults = b.faults;
        this.endStates = b.endStates;
        this.problems = b.problems;
    }

    static SoakReport of(ChaosSoak.Plan plan, Map<String, Map<String, List<Long>>> expected,
            Map<String, SoakReceiver> receivers, long recoveryMillis, long settledMillis, long heapAtStart,
            long heapAtEnd, List<SoakFaults.Fault> faults, long extraCopies, List<String> endStates) {
        Builder b = new Builder();
        b.sent = plan.messages;
        for (Map.Entry<String, Map<String, List<Long>>> perReceiver : expected.entrySet()) {
            SoakReceiver receiver = receivers.get(perReceiver.getKey());
            for (Map.Entry<String, List<Long>> stream : perReceiver.getValue().entrySet()) {
                b.count(receiver.user, stream.getKey(), stream.getValue(), receiver.received(stream.getKey()));
            }
        }
        for (SoakReceiver receiver : receivers.values()) {
            b.misdelivered += receiver.misdelivered.size();
            b.problems.addAll(receiver.misdelivered);
            b.maxOutageMillis = Math.max(b.maxOutageMillis, longestOutage(receiver.events));
        }
        b.outageBoundMillis = plan.outageBoundMillis();
        b.extraCopies = extraCopies;
        b.recoveryMillis = recoveryMillis;
        b.settledMillis = settledMillis;
        b.heapAtStart = heapAtStart;
        b.heapAtEnd = heapAtEnd;
        b.faults = faults;
        b.endStates = endStates;
        return new SoakReport(b);
    }

    /** The heap growth the run may show: a fixed allowance plus a bounded amount per delivery. */
    public long heapBoundBytes() {
        return HEAP_ALLOWANCE_BYTES + expectedDeliveries * HEAP_PER_DELIVERY_BYTES;
    }

    /** Every promise this run broke, in words; empty when the run passed. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (lost > 0 || duplicates > 0 || outOfOrder > 0 || misdelivered > 0) {
            violations.add(lost + " lost, " + duplicates + " duplicates, " + outOfOrder + " out of order, "
                    + misdelivered + " shown to the wrong user");
        }
        if (extraCopiesOnTheWire == 0) {
            violations.add("the server never offered a client a second copy of a message, so the duplicate filter"
                    + " was not exercised (the kill with acks in flight should have caused some)");
        }
        if (recoveryMillis < 0) {
            violations.add("not every client was back online with an empty outbox: " + endStates);
        }
        if (maxOutageMillis > outageBoundMillis) {
            violations.add("a client was without a session for " + maxOutageMillis + " ms, over the policy's bound of "
                    + outageBoundMillis + " ms");
        }
        if (heapAtEnd - heapAtStart > heapBoundBytes()) {
            violations.add(String.format("the heap grew by %.1f MB, over the bound of %.1f MB",
                    (heapAtEnd - heapAtStart) / 1048576.0, heapBoundBytes() / 1048576.0));
        }
        Set<SoakFaults.Kind> bit = EnumSet.noneOf(SoakFaults.Kind.class);
        for (SoakFaults.Fault fault : faults) {
            if (fault.bit) {
                bit.add(fault.kind);
            }
        }
        if (bit.size() < SoakFaults.Kind.values().length) {
            Set<SoakFaults.Kind> missing = EnumSet.allOf(SoakFaults.Kind.class);
            missing.removeAll(bit);
            violations.add("these kinds of fault never bit: " + missing);
        }
        if (faults.stream().filter(f -> f.bit).count() < 5) {
            violations.add("fewer than 5 faults bit");
        }
        return violations;
    }

    private static long longestOutage(List<ConnectionEvent> events) {
        long longest = 0;
        long lostAt = -1;
        for (ConnectionEvent event : events) {
            if (event.state() == ConnectionState.DISCONNECTED && lostAt < 0) {
                lostAt = event.atMillis();
            } else if (event.state().isOnline() && lostAt >= 0) {
                longest = Math.max(longest, event.atMillis() - lostAt);
                lostAt = -1;
            }
        }
        return longest;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("messages sent: %d, deliveries expected: %d, received: %d, duplicates: %d, lost: %d,"
                + " out of order: %d, shown to the wrong user: %d%n", sent, expectedDeliveries, received, duplicates,
                lost, outOfOrder, misdelivered));
        out.append(String.format("copies beyond the first offered by the server (the duplicate filter's work): %d%n",
                extraCopiesOnTheWire));
        out.append(String.format("longest outage of any client (session lost until back): %d ms (bound %d ms); all"
                + " online with empty outboxes %d ms after sending ended%n", maxOutageMillis, outageBoundMillis,
                recoveryMillis));
        out.append(String.format("heap after GC: %.1f MB at start, %.1f MB at end (growth bound %.1f MB)%n",
                heapAtStart / 1048576.0, heapAtEnd / 1048576.0, heapBoundBytes() / 1048576.0));
        out.append("faults (").append(faults.stream().filter(f -> f.bit).count()).append(" of ").append(faults.size())
                .append(" bit):\n");
        faults.forEach(f -> out.append("  ").append(f).append('\n'));
        out.append("at the end: ").append(endStates).append('\n');
        if (!problems.isEmpty()) {
            out.append("problems:\n");
            problems.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        List<String> violations = violations();
        out.append(violations.isEmpty() ? "verdict: passed\n" : "verdict: FAILED\n");
        violations.forEach(v -> out.append("  - ").append(v).append('\n'));
        return out.toString();
    }

    private static final class Builder {
        int sent;
        long expectedDeliveries;
        long received;
        long duplicates;
        long lost;
        long outOfOrder;
        long misdelivered;
        long extraCopies;
        long recoveryMillis;
        long maxOutageMillis;
        long outageBoundMillis;
        long settledMillis;
        long heapAtStart;
        long heapAtEnd;
        List<SoakFaults.Fault> faults;
        List<String> endStates;
        final List<String> problems = new ArrayList<>();

        void count(String user, String stream, List<Long> want, List<Long> got) {
            expectedDeliveries += want.size();
            received += got.size();
            Set<Long> seen = new HashSet<>();
            long previous = -1;
            for (long seq : got) {
                if (!seen.add(seq)) {
                    duplicates++;
                    problem(user + " was shown " + stream + " #" + seq + " twice");
                } else if (seq < previous) {
                    outOfOrder++;
                    problem(user + " was shown " + stream + " #" + seq + " after #" + previous);
                }
                previous = Math.max(previous, seq);
            }
            for (long seq : want) {
                if (!seen.contains(seq)) {
                    lost++;
                    problem(user + " never got " + stream + " #" + seq);
                }
            }
        }

        private void problem(String text) {
            if (problems.size() < 50) {
                problems.add(text);
            }
        }
    }
}
