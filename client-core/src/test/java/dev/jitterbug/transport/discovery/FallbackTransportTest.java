package dev.jitterbug.transport.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.TransportKind;
import dev.jitterbug.xml.Element;
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
}
