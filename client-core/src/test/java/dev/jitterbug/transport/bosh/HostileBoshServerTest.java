package dev.jitterbug.transport.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.testing.BackoffAssertions;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A BOSH connection manager that answers every request with HTTP 200 and a body no server may send. The client
 * reports it in words, keeps memory bounded, and retries at the reconnector's pace: a handful of requests, not a
 * tight loop.
 */
class HostileBoshServerTest {
    private static final RetryConfig QUICK = QuickRetry.CONFIG;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private JitterbugClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void garbageIsReportedAsXmlThatIsNotWellFormed() {
        Failure failure = answerEveryRequestWith(new Buffer().writeUtf8("<<<this is not XML>>>"));
        assertThat(failure.condition()).isEqualTo("not-well-formed");
        assertThat(failure.message()).startsWith("The server sent XML that is not well-formed (line 1, column 2: ");
    }

    @Test
    void textBetweenStanzasIsRefused() {
        Failure failure = answerEveryRequestWith(new Buffer().writeUtf8("<body xmlns='http://jabber.org/protocol/"
                + "httpbind' sid='s1' wait='60' requests='2'>surprise<message xmlns='jabber:client'/></body>"));
        assertThat(failure.condition()).isEqualTo("bad-format");
        assertThat(failure.message()).isEqualTo("The BOSH server sent text outside any stanza.");
    }

    @Test
    void aFiveMegabyteBodyIsRefusedAfterReadingOnlyTheLimit() {
        Buffer body = new Buffer().writeUtf8("<body xmlns='http://jabber.org/protocol/httpbind' sid='s1'>");
        while (body.size() < 5L * 1024 * 1024) {
            body.writeUtf8("<message xmlns='jabber:client'><body>0123456789abcdef</body></message>");
        }
        body.writeUtf8("</body>");
        Failure failure = answerEveryRequestWith(body);
        assertThat(failure.condition()).isEqualTo("policy-violation");
        assertThat(failure.message()).isEqualTo("The BOSH server sent more than 1024 KB in one response; "
                + "Jitterbug refuses it.");
    }

    @Test
    void aCutRequestIsRepeatedOnlyByTheClientAfterItsResendWaitNeverSilentlyByOkHttp() {
        // Every request of the session is cut before its answer. Each rid is sent once and repeated at most
        // MAX_RESENDS (3) times by BoshTransport, each time after a wait. Were OkHttp's own silent retry on, each
        // of those posts would reach the server twice: an immediate repeat that can race the server's view of the
        // dead connection (Prosody then answers the dead request and its stanzas are lost).
        Pattern ridAttribute = Pattern.compile("rid='(\\d+)'|rid=\"(\\d+)\"");
        Map<String, Integer> arrivalsPerRid = new ConcurrentHashMap<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                if (!body.contains("sid=")) {
                    return new MockResponse.Builder().addHeader("Content-Type", "text/xml; charset=utf-8")
                            .body("<body xmlns='http://jabber.org/protocol/httpbind' sid='s1' wait='60' hold='1'"
                                    + " requests='2' xmlns:xmpp='urn:xmpp:xbosh' xmpp:version='1.0'>"
                                    + "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                                    + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN"
                                    + "</mechanism></mechanisms></stream:features></body>").build();
                }
                Matcher rid = ridAttribute.matcher(body);
                if (rid.find()) {
                    arrivalsPerRid.merge(rid.group(1) != null ? rid.group(1) : rid.group(2), 1, Integer::sum);
                }
                return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
            }
        });
        RecordingListener events = new RecordingListener();
        client = JitterbugClient.create(ClientOptions.builder(Jid.parse("alice@example.org"), "pw".toCharArray())
                .endpoint(server.url("/http-bind").uri()).retryConfig(QUICK)
                .insecureUnencryptedConnectionsForThisAccount(true).insecurePlainAuthOnLoopback(true).build());
        client.addListener(events);
        client.connect();
        events.await("the session given up after its resends", () -> events.count(ConnectionState.DISCONNECTED) > 0);
        client.close();
        client = null;
        assertThat(arrivalsPerRid).as("requests cut, per rid").isNotEmpty();
        assertThat(arrivalsPerRid.values()).as("each rid sent once and repeated at most 3 times: %s", arrivalsPerRid)
                .allMatch(n -> n <= 4).contains(4);
    }

    /** Runs a client against the hostile server until it has backed off three times; returns the first failure. */
    private Failure answerEveryRequestWith(Buffer body) {
        byte[] bytes = body.readByteArray();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().addHeader("Content-Type", "text/xml; charset=utf-8")
                        .body(new Buffer().write(bytes)).build();
            }
        });
        RecordingListener events = new RecordingListener();
        client = JitterbugClient.create(ClientOptions.builder(Jid.parse("alice@example.org"), "pw".toCharArray())
                .endpoint(server.url("/http-bind").uri()).retryConfig(QUICK).build());
        client.addListener(events);
        client.connect();
        // The session request is refused at once: one request per attempt, resends are for failed exchanges only.
        BackoffAssertions.assertBackedOff(events, QUICK, 1, server::getRequestCount);
        Failure failure = events.firstFailure();
        assertThat(failure.kind()).isEqualTo(Failure.Kind.BAD_XML);
        return failure;
    }
}
