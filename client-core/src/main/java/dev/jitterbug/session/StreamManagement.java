package dev.jitterbug.session;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * XEP-0198 state that outlives a connection: the stream id to resume, the count of stanzas handled each way, and
 * the stanzas sent but not yet acknowledged (re-sent after a resume, in order). Counters wrap at 2^32 as the XEP
 * says. Not thread-safe: the client touches it on its event thread only.
 */
public final class StreamManagement {
    private static final long MOD = 1L << 32;

    private String id;
    private boolean resumable;
    private long maxResumeSeconds;
    private long inbound;
    private long acked;
    private final ArrayDeque<Element> unacked = new ArrayDeque<>();
    private boolean enabled;

    /** The server answered {@code <enabled/>}: a new SM session starts with zero counters. */
    public void enabled(Element answer) {
        id = answer.attr("id");
        resumable = "true".equals(answer.attr("resume")) || "1".equals(answer.attr("resume"));
        maxResumeSeconds = parseLong(answer.attr("max"), 0);
        inbound = 0;
        acked = 0;
        enabled = true;
    }

    /** The server resumed the stream: counting continues where it stopped. */
    public void resumed() {
        enabled = true;
    }

    /** The connection is gone; the state stays for a resume. */
    public void suspended() {
        enabled = false;
    }

    /** Resumption is impossible (failed, or a fresh login): forget the old stream but keep unacked stanzas. */
    public void forgetStream() {
        id = null;
        resumable = false;
        enabled = false;
        inbound = 0;
        acked = 0;
    }

    public boolean canResume() {
        return id != null && resumable;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String id() {
        return id;
    }

    public long maxResumeSeconds() {
        return maxResumeSeconds;
    }

    /** h to report: the stanzas we handled from the server in this SM session. */
    public long inbound() {
        return inbound;
    }

    public void countInbound() {
        inbound = (inbound + 1) % MOD;
    }

    /** Records a stanza sent while SM is enabled, until the server acknowledges it. */
    public void sent(Element stanza) {
        unacked.add(stanza);
    }

    public int unackedCount() {
        return unacked.size();
    }

    /**
     * The server acknowledged up to {@code h}. Returns the stanzas it newly confirmed.
     *
     * @throws IllegalArgumentException with a sentence for people when h is impossible (backwards, or more than sent)
     */
    public List<Element> acknowledge(long h) {
        if (h < 0 || h >= MOD) {
            throw new IllegalArgumentException("The server acknowledged an impossible stanza count (" + h + ").");
        }
        long newly = (h - acked + MOD) % MOD;
        if (newly > unacked.size()) {
            throw new IllegalArgumentException("The server acknowledged " + newly + " stanzas but only "
                    + unacked.size() + " were waiting (h=" + h + ", previous h=" + acked + ").");
        }
        List<Element> confirmed = new ArrayList<>();
        for (long i = 0; i < newly; i++) {
            confirmed.add(unacked.poll());
        }
        acked = h;
        return confirmed;
    }

    /** Takes every stanza still unacknowledged (to send again after resume, or on a fresh session). */
    public List<Element> drainUnacked() {
        List<Element> pending = new ArrayList<>(unacked);
        unacked.clear();
        return pending;
    }

    public Element ackElement() {
        return Element.builder("a", Namespaces.SM).attr("h", Long.toString(inbound)).build();
    }

    static long parseLong(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static Failure impossibleCounter(String message) {
        return Failure.of(Failure.Kind.PROTOCOL_VIOLATION, message);
    }
}
