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
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSelectorTest {
    private static final URI WSS = URI.create("wss://chat.example.org/xmpp-websocket");
    private static final URI HTTPS = URI.create("https://chat.example.org/http-bind");
    private static final URI WS = URI.create("ws://chat.example.org/xmpp-websocket");
    private static final URI HTTP = URI.create("http://chat.example.org/http-bind");
    private static final PlainTextRule LOOPBACK_ONLY = PlainTextRule.forAccount(false);
    private static final PlainTextRule INSECURE_ACCOUNT = PlainTextRule.forAccount(true);
    private static final Failure UPGRADE_STRIPPED = Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
            "The server at wss://chat.example.org/xmpp-websocket did not accept a WebSocket connection (HTTP 200).");

    private final VirtualScheduler clock = new VirtualScheduler();
    private final ScriptedFetcher fetcher = new ScriptedFetcher();

    @Test
    void aConfiguredAddressWinsAndNothingIsFetched() throws Exception {
        EndpointSelector selector = new EndpointSelector(HTTPS, null, LOOPBACK_ONLY, fetcher, clock);
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
        EndpointSelector bosh = new EndpointSelector(null, TransportKind.BOSH, LOOPBACK_ONLY, fetcher, clock);
        assertThat(bosh.choose().uri()).isEqualTo(HTTPS);

        fetcher.answers.clear();
        fetcher.answers.add(links(null, HTTPS));
        EndpointSelector webSocketOnly = new EndpointSelector(null, TransportKind.WEBSOCKET, LOOPBACK_ONLY, fetcher,
                clock);
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

    // ---- unencrypted addresses: loopback only, unless the account allows them ----

    @Test
    void aConfiguredUnencryptedAddressForAnotherHostIsRefusedInWords() throws Exception {
        EndpointSelector selector = new EndpointSelector(WS, null, LOOPBACK_ONLY, fetcher, clock);
        assertThatThrownBy(selector::choose).isInstanceOf(DiscoveryException.class)
                .extracting(e -> ((DiscoveryException) e).failure()).satisfies(failure -> {
                    assertThat(failure.kind()).isEqualTo(Failure.Kind.TLS);
                    assertThat(failure.message()).isEqualTo("Jitterbug refuses to connect to chat.example.org without "
                            + "encryption (ws://chat.example.org/xmpp-websocket); use wss://…, or allow unencrypted "
                            + "connections for this account.");
                });
        assertThatThrownBy(new EndpointSelector(HTTP, null, LOOPBACK_ONLY, fetcher, clock)::choose)
                .hasMessageContaining("(http://chat.example.org/http-bind); use https://…");

        assertThat(new EndpointSelector(WS, null, INSECURE_ACCOUNT, fetcher, clock).choose().uri()).isEqualTo(WS);
        URI loopback = URI.create("ws://127.0.0.1:5280/xmpp-websocket");
        assertThat(new EndpointSelector(loopback, null, LOOPBACK_ONLY, fetcher, clock).choose().uri())
                .isEqualTo(loopback);
    }

    @Test
    void publishedUnencryptedLinksForAnotherHostAreNeverTriedNotEvenAsAFallback() throws Exception {
        fetcher.answers.add(links(WSS, HTTP));
        EndpointSelector selector = auto();
        Endpoint first = selector.choose();
        assertThat(first.uri()).isEqualTo(WSS);
        assertThat(first.reason()).isEqualTo("discovered via https://example.org/.well-known/host-meta.json; "
                + "WebSocket preferred; not used without encryption: http://chat.example.org/http-bind");

        selector.failedBeforeOpen(first, UPGRADE_STRIPPED);
        assertThat(selector.choose().uri()).as("no fallback to the unencrypted BOSH link").isEqualTo(WSS);
        List<Endpoint> switchedTo = new ArrayList<>();
        List<FakeTransport> made = new ArrayList<>();
        RecordingTransportListener session = new RecordingTransportListener();
        selector.transportFor(selector.choose(), endpoint -> {
            made.add(new FakeTransport(endpoint.kind()));
            return made.get(made.size() - 1);
        }, switchedTo::add).open("example.org", session);
        made.get(0).listener.onClosed(UPGRADE_STRIPPED);
        assertThat(session.closed).containsExactly(UPGRADE_STRIPPED);
        assertThat(switchedTo).as("the transport does not switch to it within the attempt either").isEmpty();
        assertThat(made).hasSize(1);
    }

    @Test
    void aDomainThatPublishesOnlyUnencryptedLinksForAnotherHostIsRefusedInWords() throws Exception {
        fetcher.answers.add(links(WS, HTTP));
        assertThatThrownBy(auto()::choose).isInstanceOf(DiscoveryException.class)
                .extracting(e -> ((DiscoveryException) e).failure()).satisfies(failure -> {
                    assertThat(failure.kind()).isEqualTo(Failure.Kind.TLS);
                    assertThat(failure.message()).isEqualTo("Jitterbug refuses to connect to chat.example.org without "
                            + "encryption: https://example.org/.well-known/host-meta.json lists only unencrypted "
                            + "addresses (ws://chat.example.org/xmpp-websocket, http://chat.example.org/http-bind). "
                            + "Ask the server's operator for wss:// or https:// addresses, or allow unencrypted "
                            + "connections for this account.");
                });
        EndpointSelector boshOnly = new EndpointSelector(null, TransportKind.BOSH, LOOPBACK_ONLY, fetcher, clock);
        assertThatThrownBy(boshOnly::choose).hasMessageContaining("lists only unencrypted BOSH addresses "
                + "(http://chat.example.org/http-bind)");
    }

    @Test
    void withTheInsecureSettingOrOnLoopbackPublishedUnencryptedLinksAreUsed() throws Exception {
        fetcher.answers.add(links(WS, HTTP));
        assertThat(new EndpointSelector(null, null, INSECURE_ACCOUNT, fetcher, clock).choose().uri()).isEqualTo(WS);

        fetcher.answers.clear();
        URI loopback = URI.create("ws://localhost:5280/xmpp-websocket");
        fetcher.answers.add(links(loopback, HTTP));
        Endpoint chosen = auto().choose();
        assertThat(chosen.uri()).isEqualTo(loopback);
        assertThat(chosen.reason()).endsWith("not used without encryption: http://chat.example.org/http-bind");
    }

    @Test
    void aRedirectToAnUnencryptedAddressElsewhereIsRefused() throws Exception {
        URI loopback = URI.create("ws://127.0.0.1:5280/xmpp-websocket");
        EndpointSelector selector = new EndpointSelector(loopback, null, LOOPBACK_ONLY, fetcher, clock);
        assertThatThrownBy(() -> selector.redirected("ws://other.example/xmpp-websocket"))
                .isInstanceOf(DiscoveryException.class)
                .extracting(e -> ((DiscoveryException) e).failure()).satisfies(failure -> {
                    assertThat(failure.kind()).isEqualTo(Failure.Kind.TLS);
                    assertThat(failure.message()).isEqualTo("The server redirected us to an unencrypted address; "
                            + "Jitterbug refuses to connect to other.example without encryption "
                            + "(ws://other.example/xmpp-websocket).");
                });
        assertThatThrownBy(() -> selector.redirected("other.example:5280"))
                .hasMessageContaining("(ws://other.example:5280/xmpp-websocket)");
        assertThat(selector.redirected("localhost:5281").uri())
                .isEqualTo(URI.create("ws://localhost:5281/xmpp-websocket"));

        EndpointSelector insecure = new EndpointSelector(loopback, null, INSECURE_ACCOUNT, fetcher, clock);
        assertThat(insecure.redirected("other.example:5280").uri())
                .isEqualTo(URI.create("ws://other.example:5280/xmpp-websocket"));
        EndpointSelector secure = new EndpointSelector(WSS, null, INSECURE_ACCOUNT, fetcher, clock);
        assertThatThrownBy(() -> secure.redirected("ws://other.example/xmpp-websocket"))
                .as("never from an encrypted address to an unencrypted one, whatever the setting")
                .hasMessage("The server redirected us to an unencrypted address (ws://other.example/xmpp-websocket); "
                        + "Jitterbug refuses.");
    }

    private EndpointSelector auto() {
        return new EndpointSelector(null, null, LOOPBACK_ONLY, fetcher, clock);
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
