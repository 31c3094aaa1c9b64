package dev.jitterbug.transport.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackTransportTest {
    private static final Element AUTHENTICATE = Element.builder("authenticate", "urn:xmpp:sasl:2").build();
    private static final Element HEADER = Element.builder("open", Namespaces.FRAMING).build();

    private final FakeTransport webSocket = new FakeTransport(TransportKind.WEBSOCKET);
    private final FakeTransport bosh = new FakeTransport(TransportKind.BOSH);
    private final RecordingTransportListener session = new RecordingTransportListener();

    @Test
    void aFirstChoiceThatFailsBeforeOpeningIsReplacedAndWhatWasSentGoesAgain() {
        FallbackTransport transport = new FallbackTransport(webSocket, () -> bosh);
        transport.open("example.org", session);
        transport.send(AUTHENTICATE);
        webSocket.listener.onClosed(Failure.of(Failure.Kind.PROTOCOL_VIOLATION, "no upgrade"));

        assertThat(session.closed).as("the session does not see the first failure").isEmpty();
        assertThat(bosh.openedFor).isEqualTo("example.org");
        assertThat(bosh.sent).containsExactly(AUTHENTICATE);
        assertThat(transport.kind()).isEqualTo(TransportKind.BOSH);
        bosh.listener.onStreamOpened(HEADER);
        assertThat(session.opened).containsExactly(HEADER);
    }

    @Test
    void afterTheStreamOpenedAFailureIsTheSessionsAndNothingIsReplaced() {
        FallbackTransport transport = new FallbackTransport(webSocket, () -> bosh);
        transport.open("example.org", session);
        webSocket.listener.onStreamOpened(HEADER);
        transport.send(AUTHENTICATE);
        Failure lost = Failure.of(Failure.Kind.CONNECTION_LOST, "reset");
        webSocket.listener.onClosed(lost);

        assertThat(session.closed).containsExactly(lost);
        assertThat(bosh.openedFor).isNull();
    }

    @Test
    void anAbandonedAttemptOrNoAlternativeEndsAsUsual() {
        FallbackTransport abandoned = new FallbackTransport(webSocket, () -> bosh);
        abandoned.open("example.org", session);
        webSocket.listener.onClosed(Failure.of(Failure.Kind.LOCAL_CLOSE, "abandoned"));
        assertThat(bosh.openedFor).isNull();
        assertThat(session.closed).hasSize(1);

        FakeTransport lonely = new FakeTransport(TransportKind.WEBSOCKET);
        RecordingTransportListener other = new RecordingTransportListener();
        new FallbackTransport(lonely, () -> null).open("example.org", other);
        lonely.listener.onClosed(Failure.of(Failure.Kind.CONNECTION_REFUSED, "refused"));
        assertThat(other.closed).hasSize(1);
    }

    private static final class FakeTransport implements Transport {
        private final TransportKind kind;
        final List<Element> sent = new ArrayList<>();
        TransportListener listener;
        String openedFor;

        FakeTransport(TransportKind kind) {
            this.kind = kind;
        }

        @Override
        public void open(String domain, TransportListener transportListener) {
            openedFor = domain;
            listener = transportListener;
        }

        @Override
        public void send(Element element) {
            sent.add(element);
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
            return kind;
        }

        @Override
        public String endpoint() {
            return kind.label();
        }

        @Override
        public TrafficCounter traffic() {
            return new TrafficCounter();
        }
    }

    private static final class RecordingTransportListener implements TransportListener {
        final List<Element> opened = new ArrayList<>();
        final List<Failure> closed = new ArrayList<>();

        @Override
        public void onStreamOpened(Element header) {
            opened.add(header);
        }

        @Override
        public void onElement(Element element) {
        }

        @Override
        public void onClosed(Failure failure) {
            closed.add(failure);
        }
    }
}
