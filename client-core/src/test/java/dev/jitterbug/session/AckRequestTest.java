package dev.jitterbug.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.Failure;
import dev.jitterbug.TransportKind;
import dev.jitterbug.platform.VirtualScheduler;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acks are requested by count and by time, not after every stanza (which doubled what the server handles). */
class AckRequestTest {
    private final VirtualScheduler scheduler = new VirtualScheduler(0);
    private final List<Element> wire = new ArrayList<>();
    private final StreamManagement sm = new StreamManagement();
    private final XmppSession session = new XmppSession(scheduler, new RecordingTransport(), sm, new IgnoringHandler(),
            30_000, 10_000);

    AckRequestTest() {
        sm.enabled(Element.builder("enabled", Namespaces.SM).attr("id", "sm-1").attr("resume", "true").build());
    }

    @Test
    void oneMessageIsFollowedByOneRequestShortlyAfter() {
        session.send(message(1));
        scheduler.advanceBy(0);
        assertThat(requests()).isZero();

        scheduler.advanceBy(XmppSession.ACK_REQUEST_DELAY_MILLIS);

        assertThat(requests()).isEqualTo(1);
        assertThat(wire.get(1).name()).isEqualTo("r");
    }

    @Test
    void aBurstCostsOneRequestPerFewStanzas() {
        for (int i = 0; i < 12; i++) {
            session.send(message(i));
        }
        assertThat(requests()).as("at the 5th and the 10th, at once").isEqualTo(2);

        scheduler.advanceBy(XmppSession.ACK_REQUEST_DELAY_MILLIS);
        assertThat(requests()).as("and one for the last two").isEqualTo(3);

        scheduler.advanceBy(10 * XmppSession.ACK_REQUEST_DELAY_MILLIS);
        assertThat(requests()).as("nothing unrequested is left").isEqualTo(3);
        assertThat(sm.unackedCount()).isEqualTo(12);
    }

    @Test
    void anUnansweredRequestIsRepeatedWhileStanzasWaitAndNoMoreOnceTheyAreConfirmed() {
        session.send(message(1));
        scheduler.advanceBy(XmppSession.ACK_REQUEST_DELAY_MILLIS);
        assertThat(requests()).isEqualTo(1);

        scheduler.advanceBy(XmppSession.ACK_REPEAT_MILLIS);
        assertThat(requests()).as("the answer was lost on the way: asked again").isEqualTo(2);
        scheduler.advanceBy(XmppSession.ACK_REPEAT_MILLIS);
        assertThat(requests()).isEqualTo(3);

        session.onElement(Element.builder("a", Namespaces.SM).attr("h", "1").build());
        scheduler.advanceBy(0);
        assertThat(sm.unackedCount()).isZero();
        scheduler.advanceBy(10 * XmppSession.ACK_REPEAT_MILLIS);
        assertThat(requests()).as("nothing waits: no more requests").isEqualTo(3);
    }

    @Test
    void aLinkThatStaysSilentAfterARepeatedRequestIsDeadButOneThatSpeaksLivesOn() {
        // Prosody 0.12's BOSH can keep a request whose connection died and send everything after it there: nothing
        // arrives any more, and only the silence after an unanswered request shows it (30 s probes would take longer).
        session.start();
        session.send(message(1));
        scheduler.advanceBy(XmppSession.ACK_REQUEST_DELAY_MILLIS + XmppSession.ACK_REPEAT_MILLIS);
        assertThat(requests()).as("asked again").isEqualTo(2);
        scheduler.advanceBy(9_999);
        session.onElement(message(2)); // something arrives, if not the answer: the link lives
        scheduler.advanceBy(1);
        assertThat(session.isEnded()).isFalse();

        scheduler.advanceBy(XmppSession.ACK_REPEAT_MILLIS + 10_000); // asked again, and then silence
        assertThat(session.isEnded()).isTrue();
        assertThat(session.endedWith().kind()).isEqualTo(Failure.Kind.DEAD_LINK);
    }

    @Test
    void aNetworkProbeAnsweredAfterTheRegularProbeHasStartedDoesNotEndTheSession() {
        XmppSession probed = new XmppSession(scheduler, new RecordingTransport(), sm, new IgnoringHandler(), 1_000,
                10_000);
        probed.start();
        scheduler.advanceBy(900);
        probed.probeNow(1_000, "the network changed");
        scheduler.advanceBy(200); // the regular probe goes out at 1 s, with its own deadline
        probed.onElement(Element.builder("a", Namespaces.SM).attr("h", "0").build()); // the link answers
        scheduler.advanceBy(5_000);
        assertThat(probed.isEnded()).as("an answered link lives on: no deadline left over").isFalse();
    }

    @Test
    void aNetworkProbeLeftUnansweredEndsTheSessionAsANetworkChange() {
        XmppSession probed = new XmppSession(scheduler, new RecordingTransport(), sm, new IgnoringHandler(), 30_000,
                10_000);
        probed.start();
        probed.probeNow(1_000, "the network changed");
        scheduler.advanceBy(999);
        assertThat(probed.isEnded()).isFalse();
        scheduler.advanceBy(1);
        assertThat(probed.isEnded()).isTrue();
        assertThat(probed.endedWith().kind()).isEqualTo(Failure.Kind.NETWORK_CHANGED);
        assertThat(probed.endedWith().message()).contains("after the network changed");
    }

    private long requests() {
        return wire.stream().filter(e -> e.is("r", Namespaces.SM)).count();
    }

    private static Element message(int i) {
        return Element.builder("message", Namespaces.CLIENT).attr("id", "m" + i)
                .textChild("body", "hello " + i).build();
    }

    private final class RecordingTransport implements Transport {
        private final TrafficCounter traffic = new TrafficCounter();

        @Override
        public void open(String domain, TransportListener listener) {
        }

        @Override
        public void send(Element element) {
            wire.add(element);
        }

        @Override
        public void restart() {
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
        }

        @Override
        public TransportKind kind() {
            return TransportKind.WEBSOCKET;
        }

        @Override
        public String endpoint() {
            return "ws://recording";
        }

        @Override
        public TrafficCounter traffic() {
            return traffic;
        }
    }

    private static final class IgnoringHandler implements XmppSession.Handler {
        @Override
        public void onStanza(Element stanza) {
        }

        @Override
        public void onAcknowledged(List<Element> stanzas) {
        }

        @Override
        public void onLost(Failure failure) {
        }
    }
}
