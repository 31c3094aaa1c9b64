package dev.jitterbug.soak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The soak's counts: what was sent and received, duplicates, losses, order, recovery, memory. */
public final class SoakReport {
    public final int sent;
    public final long expectedDeliveries;
    public final long received;
    public final long duplicates;
    public final long lost;
    public final long outOfOrder;
    public final long recoveryMillis;
    /** The longest time any client spent between losing its session and having one again. */
    public final long maxOutageMillis;
    public final long settledMillis;
    public final long heapAtStart;
    public final long heapAtEnd;
    public final List<String> faults;
    public final List<String> problems;

    private SoakReport(int sent, long expectedDeliveries, long received, long duplicates, long lost, long outOfOrder,
            long recoveryMillis, long maxOutageMillis, long settledMillis, long heapAtStart, long heapAtEnd,
            List<String> faults, List<String> problems) {
        this.sent = sent;
        this.expectedDeliveries = expectedDeliveries;
        this.received = received;
        this.duplicates = duplicates;
        this.lost = lost;
        this.outOfOrder = outOfOrder;
        this.recoveryMillis = recoveryMillis;
        this.maxOutageMillis = maxOutageMillis;
        this.settledMillis = settledMillis;
        this.heapAtStart = heapAtStart;
        this.heapAtEnd = heapAtEnd;
        this.faults = faults;
        this.problems = problems;
    }

    static SoakReport of(ChaosSoak.Plan plan, Map<String, Map<String, List<Long>>> expected,
            Map<String, ChaosSoak.Receiver> receivers, long recoveryMillis, long settledMillis, long heapAtStart,
            long heapAtEnd, List<String> faults) {
        long expectedCount = 0;
        long received = 0;
        long duplicates = 0;
        long lost = 0;
        long outOfOrder = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Long>>> perReceiver : expected.entrySet()) {
            ChaosSoak.Receiver receiver = receivers.get(perReceiver.getKey());
            for (Map.Entry<String, List<Long>> stream : perReceiver.getValue().entrySet()) {
                List<Long> want = stream.getValue();
                List<Long> got = new ArrayList<>(receiver.received(stream.getKey()));
                expectedCount += want.size();
                received += got.size();
                Set<Long> seen = new HashSet<>();
                long previous = -1;
                for (long seq : got) {
                    if (!seen.add(seq)) {
                        duplicates++;
                        problems.add(receiver.user + " got " + stream.getKey() + " #" + seq + " twice");
                    } else if (seq < previous) {
                        outOfOrder++;
                        problems.add(receiver.user + " got " + stream.getKey() + " #" + seq + " after #" + previous);
                    }
                    previous = Math.max(previous, seq);
                }
                for (long seq : want) {
                    if (!seen.contains(seq)) {
                        lost++;
                        if (problems.size() < 50) {
                            problems.add(receiver.user + " never got " + stream.getKey() + " #" + seq);
                        }
                    }
                }
            }
        }
        long maxOutage = 0;
        for (ChaosSoak.Receiver receiver : receivers.values()) {
            long lostAt = -1;
            for (dev.jitterbug.ConnectionEvent event : receiver.events) {
                if (event.state() == dev.jitterbug.ConnectionState.DISCONNECTED && lostAt < 0) {
                    lostAt = event.atMillis();
                } else if (event.state().isOnline() && lostAt >= 0) {
                    maxOutage = Math.max(maxOutage, event.atMillis() - lostAt);
                    lostAt = -1;
                }
            }
        }
        return new SoakReport(plan.messages, expectedCount, received, duplicates, lost, outOfOrder, recoveryMillis,
                maxOutage, settledMillis, heapAtStart, heapAtEnd, faults, problems);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("messages sent: %d, deliveries expected: %d, received: %d, duplicates: %d, lost: %d,"
                + " out of order: %d%n", sent, expectedDeliveries, received, duplicates, lost, outOfOrder));
        out.append(String.format("longest outage of any client (session lost until back): %d ms; all online with"
                + " empty outboxes %d ms after sending ended%n", maxOutageMillis, recoveryMillis));
        out.append(String.format("heap after GC: %.1f MB at start, %.1f MB at end%n", heapAtStart / 1048576.0,
                heapAtEnd / 1048576.0));
        out.append("faults:\n");
        faults.forEach(f -> out.append("  ").append(f).append('\n'));
        if (!problems.isEmpty()) {
            out.append("problems:\n");
            problems.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return out.toString();
    }
}
