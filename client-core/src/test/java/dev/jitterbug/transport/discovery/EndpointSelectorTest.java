package dev.jitterbug.transport.discovery;

import dev.jitterbug.transport.discovery.TransportTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.platform.VirtualScheduler;
import dev.jitterbug.TransportKind;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class EndpointSelectorTest {
    private static final URI WSS = URI.create("wss://chat.example.org/xmpp-websocket");
    private static final URI HTTPS = URI.create("https://chat.example.org/http-bind");
    private static final Failure UPGRADE_STRIPPED = Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
            "The server at wss://chat.example.org/xmpp-websocket did not accept a WebSocket connection (HTTP 200).");

    private final VirtualScheduler clock = new VirtualScheduler();
    private final ScriptedFetcher fetcher = new ScriptedFetcher();

    @Test
    void aConfiguredAddressWinsAndNothingIsFetched() throws Exception {
        EndpointSelector selector = new EndpointSelector(HTTPS, null, fetcher, clock);
        Endpoint chosen = selector.choose();
        assertThat(chosen.kind()).isEqualTo(TransportKind.BOSH);
        assertThat(chosen.reason()).isEqualTo("configured");
        assertThat(selector.fetches()).isZero();
    }

    @Test
    void webSocketIsPreferredAndTheReasonNamesTheDocument() throws Exception {
        fetcher.answers.add(links(WSS, HTTPS));
        Endpoint chosen = auto().choose();
        assertThat(chosen.uri()).isEqualTo(WSS);
        assertThat(chosen.reason()).isEqualTo("discovered via https://example.org/.well-known/host-meta.json; "
                + "WebSocket preferred");
    }

    @Test
    void secureLinksComeFirstWhateverTheDocumentOrder() {
        HostMetaLinks.Collector collector = new HostMetaLinks.Collector();
        collector.add(TransportTypes.of(TransportKind.WEBSOCKET).discoveryRel(), "ws://chat.example.org/xmpp-websocket");
        collector.add(TransportTypes.of(TransportKind.WEBSOCKET).discoveryRel(), WSS.toString());
        collector.add(TransportTypes.of(TransportKind.BOSH).discoveryRel(), "ftp://chat.example.org/nonsense");
        collector.add(TransportTypes.of(TransportKind.BOSH).discoveryRel(), "/relative/http-bind");
        HostMetaLinks links = collector.build("test");
        assertThat(links.links(TransportKind.WEBSOCKET)).containsExactly(WSS, URI.create("ws://chat.example.org/xmpp-websocket"));
        assertThat(links.links(TransportKind.BOSH)).as("links of the wrong scheme or without a host are skipped").isEmpty();
    }

    @Test
    void aWebSocketThatFailsBeforeTheStreamOpensSendsTheNextAttemptToBoshAndSaysWhy() throws Exception {
        fetcher.answers.add(links(WSS, HTTPS));
        EndpointSelector selector = auto();
        Endpoint first = selector.choose();
        selector.failedBeforeOpen(first, UPGRADE_STRIPPED);

        Endpoint second = selector.choose();
        assertThat(second.uri()).isEqualTo(HTTPS);
        assertThat(second.reason()).startsWith("fallback to BOSH").contains(WSS.toString())
                .contains("did not accept a WebSocket connection (HTTP 200)");
        selector.streamOpened(second);
        assertThat(selector.choose().uri()).as("stays on BOSH").isEqualTo(HTTPS);

        clock.advanceBy(EndpointSelector.RETRY_PREFERRED_AFTER_MILLIS);
        assertThat(selector.choose().uri()).as("an hour later WebSocket gets another chance").isEqualTo(WSS);
    }

    @Test
    void whenBoshFailsToo_theServerIsTheProblemAndWebSocketIsPreferredAgain() throws Exception {
        fetcher.answers.add(links(WSS, HTTPS));
        EndpointSelector selector = auto();
        selector.failedBeforeOpen(selector.choose(), UPGRADE_STRIPPED);
        Endpoint bosh = selector.choose();
        selector.failedBeforeOpen(bosh, Failure.of(Failure.Kind.CONNECTION_REFUSED, "refused"));
        assertThat(selector.choose().uri()).isEqualTo(WSS);
    }

    @Test
    void failuresAfterTheStreamOpenedOrLocalClosesDoNotCauseAFallback() throws Exception {
        fetcher.answers.add(links(WSS, HTTPS));
        EndpointSelector selector = auto();
        Endpoint ws = selector.choose();
        selector.failedBeforeOpen(ws, Failure.of(Failure.Kind.LOCAL_CLOSE, "The connection attempt was abandoned."));
        assertThat(selector.choose().uri()).isEqualTo(WSS);
    }

    @Test
    void discoveryRunsOncePerBurstAndKeepsTheOldLinksWhenARefreshFails() throws Exception {
        fetcher.answers.add(links(WSS, HTTPS));
        EndpointSelector selector = auto();
        for (int attempt = 0; attempt < 5; attempt++) {
            selector.choose();
        }
        assertThat(selector.fetches()).as("five attempts in one burst").isEqualTo(1);

        selector.sessionEstablished();
        fetcher.failures.add(Failure.of(Failure.Kind.CONNECTION_REFUSED, "host-meta unreachable"));
        Endpoint chosen = selector.choose();
        selector.choose();
        assertThat(selector.fetches()).as("the next burst looks once more").isEqualTo(2);
        assertThat(chosen.uri()).isEqualTo(WSS);
        assertThat(chosen.reason()).contains("kept from an earlier lookup; the latest failed");
    }

    @Test
    void aFailedFirstLookupIsReportedAndTriedAgainByTheNextAttempt() throws Exception {
        fetcher.failures.add(Failure.of(Failure.Kind.UNKNOWN_HOST, "Jitterbug could not find how to connect"));
        EndpointSelector selector = auto();
        assertThatThrownBy(selector::choose).isInstanceOf(DiscoveryException.class)
                .hasMessage("Jitterbug could not find how to connect");
        fetcher.answers.add(links(WSS, HTTPS));
        assertThat(selector.choose().uri()).isEqualTo(WSS);
        assertThat(selector.fetches()).isEqualTo(2);
    }

    @Test
    void aTransportPinnedInTheSettingsIsRespected() throws Exception {
        fetcher.answers.add(links(WSS, HTTPS));
        EndpointSelector bosh = new EndpointSelector(null, TransportKind.BOSH, fetcher, clock);
        assertThat(bosh.choose().uri()).isEqualTo(HTTPS);

        fetcher.answers.clear();
        fetcher.answers.add(links(null, HTTPS));
        EndpointSelector webSocketOnly = new EndpointSelector(null, TransportKind.WEBSOCKET, fetcher, clock);
        assertThatThrownBy(webSocketOnly::choose).isInstanceOf(DiscoveryException.class).hasMessage(
                "https://example.org/.well-known/host-meta.json publishes no WebSocket endpoint, and only WebSocket "
                        + "is allowed in the settings.");
    }

    @Test
    void withOnlyBoshPublishedAutoUsesBoshAndSaysSo() throws Exception {
        fetcher.answers.add(links(null, HTTPS));
        Endpoint chosen = auto().choose();
        assertThat(chosen.kind()).isEqualTo(TransportKind.BOSH);
        assertThat(chosen.reason()).endsWith("no WebSocket endpoint published");
    }

    private EndpointSelector auto() {
        return new EndpointSelector(null, null, fetcher, clock);
    }

    private static HostMetaLinks links(URI webSocket, URI bosh) {
        HostMetaLinks.Collector collector = new HostMetaLinks.Collector();
        if (webSocket != null) {
            collector.add(TransportTypes.of(TransportKind.WEBSOCKET).discoveryRel(), webSocket.toString());
        }
        if (bosh != null) {
            collector.add(TransportTypes.of(TransportKind.BOSH).discoveryRel(), bosh.toString());
        }
        return collector.build("https://example.org/.well-known/host-meta.json");
    }

    /** Answers from a script: queued failures first, then queued links; the last links repeat. */
    private static final class ScriptedFetcher implements HostMetaFetcher {
        final Deque<HostMetaLinks> answers = new ArrayDeque<>();
        final Deque<Failure> failures = new ArrayDeque<>();

        @Override
        public HostMetaLinks fetch() throws DiscoveryException {
            if (!failures.isEmpty()) {
                throw new DiscoveryException(failures.poll());
            }
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }
}
