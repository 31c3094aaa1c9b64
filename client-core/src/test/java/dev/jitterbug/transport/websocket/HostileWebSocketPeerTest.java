package dev.jitterbug.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted hostile XMPP-over-WebSocket server: after a real-looking handshake and stream open it sends what no
 * server may send. The client ends the stream with a BAD_XML failure worded for people, tells the server why with a
 * stream error (RFC 6120 §4.9) and a close, and carries on running.
 */
class HostileWebSocketPeerTest {
    private static final String SERVER_OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.org'"
            + " id='s1' version='1.0' xml:lang='en'/>";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final OkHttpClient http = new OkHttpClient();
    private final List<String> receivedByServer = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedAsRestrictedXml() throws Exception {
        Failure failure = connectAndReceive(ws -> ws.send("<!DOCTYPE message [<!ENTITY x 'boom'>]>"
                + "<message xmlns='jabber:client'><body>&x;</body></message>"));
        assertRefused(failure, "restricted-xml", "The server sent a document type declaration (DTD), which XMPP "
                + "forbids; Jitterbug refuses to process it.");
    }

    @Test
    void aTenMegabyteFrameIsRefusedWithoutParsingIt() throws Exception {
        String huge = "<message xmlns='jabber:client'><body>" + "A".repeat(10 * 1024 * 1024) + "</body></message>";
        Failure failure = connectAndReceive(ws -> ws.send(huge));
        assertRefused(failure, "policy-violation",
                "The server sent 10.0 MB in one piece; Jitterbug accepts at most 1.0 MB.");
    }

    @Test
    void tenThousandLevelsOfNestingAreRefused() throws Exception {
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        Failure failure = connectAndReceive(ws -> ws.send("<message xmlns='jabber:client'>" + deep + "</message>"));
        assertRefused(failure, "policy-violation", "The server sent XML nested more than 64 levels deep.");
    }

    @Test
    void strayTextInsteadOfAnElementIsRefusedAsNotWellFormed() throws Exception {
        Failure failure = connectAndReceive(ws -> ws.send("hello, this is not a stanza"));
        assertThat(failure.kind()).isEqualTo(Failure.Kind.BAD_XML);
        assertThat(failure.condition()).isEqualTo("not-well-formed");
        assertThat(failure.message()).startsWith("The server sent XML that is not well-formed (line 1, column 1: ");
        awaitStreamErrorSent("not-well-formed");
    }

    @Test
    void aBinaryFrameIsRefused() throws Exception {
        Failure failure = connectAndReceive(ws -> ws.send(ByteString.encodeUtf8("<message xmlns='jabber:client'/>")));
        assertRefused(failure, "unsupported-encoding",
                "The server sent a binary WebSocket frame; XMPP over WebSocket uses text frames only.");
    }

    /** Opens a transport to the scripted server, which answers the open and then does {@code hostile}. */
    private Failure connectAndReceive(Consumer<WebSocket> hostile) throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Sec-WebSocket-Protocol", "xmpp")
                .webSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket ws, String text) {
                        receivedByServer.add(text);
                        if (text.startsWith("<open")) {
                            ws.send(SERVER_OPEN);
                            hostile.accept(ws);
                        }
                    }

                    @Override
                    public void onClosing(WebSocket ws, int code, String reason) {
                        ws.close(1000, null);
                    }

                    @Override
                    public void onOpen(WebSocket ws, Response response) {
                    }
                }).build());
        WebSocketTransport transport = new WebSocketTransport(http, server.url("/xmpp-websocket").toString()
                .replaceFirst("^http", "ws"), XmlLimits.DEFAULT, 0);
        CompletableFuture<Failure> closed = new CompletableFuture<>();
        List<Element> elements = new CopyOnWriteArrayList<>();
        transport.open("example.org", new TransportListener() {
            @Override
            public void onStreamOpened(Element header) {
            }

            @Override
            public void onElement(Element element) {
                elements.add(element);
            }

            @Override
            public void onAnswersMaybeLost() {
            }

            @Override
            public void onClosed(Failure failure) {
                closed.complete(failure);
            }
        });
        Failure failure = closed.get(20, TimeUnit.SECONDS);
        assertThat(elements).as("nothing hostile reached the session").isEmpty();
        return failure;
    }

    private void assertRefused(Failure failure, String condition, String message) {
        assertThat(failure.kind()).isEqualTo(Failure.Kind.BAD_XML);
        assertThat(failure.condition()).isEqualTo(condition);
        assertThat(failure.message()).isEqualTo(message);
        awaitStreamErrorSent(condition);
    }

    private void awaitStreamErrorSent(String condition) {
        await("stream error and close sent").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(receivedByServer).anySatisfy(frame -> assertThat(frame)
                    .contains("<error xmlns=\"http://etherx.jabber.org/streams\"")
                    .contains("<" + condition + " xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\""));
            assertThat(receivedByServer.get(receivedByServer.size() - 1))
                    .startsWith("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"");
        });
    }
}
