package dev.jitterbug.testing;

import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlException;
import dev.jitterbug.xml.XmlParser;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A scripted, misbehaving XMPP-over-WebSocket peer for the hostile-server tests — the one place where tests talk to
 * something that is not a real Prosody, because a real server will not misbehave on demand. Every connection is
 * upgraded; the script answers each client frame (by its element) with the frames to send back, and knows which
 * connection it is on (0, 1, …). It counts connections, so a test can assert there was no tight reconnect loop.
 */
public final class HostilePeer implements AutoCloseable {
    /** Frames to send for a client element on a given connection number; empty for silence. */
    public interface Script extends BiFunction<Integer, Element, List<String>> {
    }

    public static final String OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='localhost' id='s'"
            + " version='1.0'/>";
    /** Features offering PLAIN only (the client needs the insecure-loopback option to use it). */
    public static final String PLAIN_FEATURES = "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"
            + "</stream:features>";
    public static final String BIND_FEATURES = "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><sm xmlns='urn:xmpp:sm:3'/></stream:features>";

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger connections = new AtomicInteger();

    public HostilePeer(Script script) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int connection = connections.getAndIncrement();
                return new MockResponse.Builder().addHeader("Sec-WebSocket-Protocol", "xmpp")
                        .webSocketUpgrade(new Listener(connection, script)).build();
            }
        });
        server.start();
    }

    public URI uri() {
        return URI.create(server.url("/xmpp-websocket").toString().replaceFirst("^http", "ws"));
    }

    /** WebSocket connections the client opened so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The usual answers of a login with PLAIN, bind and stream management, for scripts to build on. */
    public static List<String> politeLogin(Element frame) {
        switch (frame.name()) {
            case "open":
                return List.of(OPEN, "true".equals(frame.attr("restart")) ? BIND_FEATURES : PLAIN_FEATURES);
            case "auth":
                return List.of("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
            case "iq":
                return List.of("<iq xmlns='jabber:client' type='result' id='" + frame.attr("id") + "'>"
                        + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@localhost/x</jid></bind></iq>");
            case "enable":
                return List.of("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='600'/>");
            case "r":
                return List.of("<a xmlns='urn:xmpp:sm:3' h='0'/>");
            default:
                return List.of();
        }
    }

    private static final class Listener extends WebSocketListener {
        private final int connection;
        private final Script script;
        private final XmlParser parser = new XmlParser();
        private int opens;

        Listener(int connection, Script script) {
            this.connection = connection;
            this.script = script;
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            Element frame;
            try {
                frame = parser.parse(text);
            } catch (XmlException e) {
                return;
            }
            if (frame.name().equals("open")) {
                // The second open on a connection is the restart after SASL: mark it for the script.
                frame = frame.toBuilder().attr("restart", opens++ > 0 ? "true" : null).build();
            }
            for (String reply : script.apply(connection, frame)) {
                ws.send(reply);
            }
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            // the client speaks first
        }
    }
}
