package dev.jitterbug.transport.websocket;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.HttpProxies;
import dev.jitterbug.transport.IoFailures;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.StreamErrors;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.transport.WireLog;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlException;
import dev.jitterbug.xml.XmlLimits;
import dev.jitterbug.xml.XmlParser;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * XMPP over WebSocket (RFC 7395) on OkHttp: subprotocol {@code xmpp}, one complete element per text frame,
 * {@code <open/>}/{@code <close/>} framing, and optional WebSocket pings to notice a dead peer (OkHttp fails the socket
 * when a pong does not arrive before the next ping, so a silent link is caught within two ping intervals).
 */
public final class WebSocketTransport implements Transport {
    private static final String SUBPROTOCOL = "xmpp";

    private final OkHttpClient client;
    private final String uri;
    /** "the proxy at host:port" the upgrade goes through, or null: failures name it. */
    private final String proxy;
    private final XmlParser parser;
    private final TrafficCounter traffic = new TrafficCounter();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WebSocket socket;
    private volatile TransportListener listener;
    private volatile String domain;
    private volatile boolean closeRequested;

    /**
     * @param pingIntervalMillis how often to ping; 0 disables pings
     */
    public WebSocketTransport(OkHttpClient client, String uri, XmlLimits limits, long pingIntervalMillis) {
        this.client = client.newBuilder().pingInterval(pingIntervalMillis, TimeUnit.MILLISECONDS).build();
        this.uri = uri;
        this.proxy = HttpProxies.describe(this.client, uri);
        this.parser = new XmlParser(limits);
    }

    @Override
    public void open(String domain, TransportListener listener) {
        this.domain = domain;
        this.listener = listener;
        Request request = new Request.Builder().url(uri).header("Sec-WebSocket-Protocol", SUBPROTOCOL).build();
        socket = client.newWebSocket(request, new Listener());
        // OkHttp queues frames until the handshake completes, so the open is guaranteed to go first, and a
        // pipelined authentication sent right after it follows in order.
        send(openElement());
    }

    @Override
    public void send(Element element) {
        WebSocket ws = socket;
        if (ws == null || closed.get()) {
            return;
        }
        WireLog.sent(uri, element);
        String xml = element.toXml();
        traffic.sent(xml.getBytes(StandardCharsets.UTF_8).length, 1);
        ws.send(xml);
    }

    @Override
    public void restart() {
        send(openElement());
    }

    @Override
    public void close() {
        closeRequested = true;
        send(Element.builder("close", Namespaces.FRAMING).build());
        WebSocket ws = socket;
        if (ws != null) {
            ws.close(1000, "bye");
        }
    }

    @Override
    public void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.cancel();
        }
        finish(Failure.of(Failure.Kind.LOCAL_CLOSE, "The connection attempt was abandoned."));
    }

    @Override
    public TransportKind kind() {
        return TransportKind.WEBSOCKET;
    }

    @Override
    public String endpoint() {
        return uri;
    }

    @Override
    public TrafficCounter traffic() {
        return traffic;
    }

    private Element openElement() {
        return Element.builder("open", Namespaces.FRAMING).attr("to", domain).attr("version", "1.0")
                .attr("xml:lang", "en").build();
    }

    private void finish(Failure failure) {
        if (closed.compareAndSet(false, true)) {
            listener.onClosed(failure);
        }
    }

    /** Refuses what the server sent: tell it why (RFC 6120 §4.9), close, and report in plain words. */
    private void refuse(WebSocket ws, XmlException e) {
        send(StreamErrors.build(e.condition(), null));
        send(Element.builder("close", Namespaces.FRAMING).build());
        ws.close(1000, e.condition());
        finish(Failure.of(Failure.Kind.BAD_XML, e.getMessage()).withCondition(e.condition()));
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket ws, Response response) {
            String agreed = response.header("Sec-WebSocket-Protocol");
            if (!SUBPROTOCOL.equals(agreed)) {
                ws.cancel();
                finish(Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
                        "The server at " + uri + " does not speak XMPP over WebSocket (no 'xmpp' subprotocol)."));
            }
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            traffic.received(text.getBytes(StandardCharsets.UTF_8).length, 1);
            Element element;
            try {
                element = parser.parse(text);
            } catch (XmlException e) {
                refuse(ws, e);
                return;
            }
            WireLog.received(uri, element);
            if (element.is("open", Namespaces.FRAMING)) {
                listener.onStreamOpened(element);
            } else if (element.is("close", Namespaces.FRAMING)) {
                String redirect = element.attr("see-other-uri");
                if (!closeRequested) {
                    send(Element.builder("close", Namespaces.FRAMING).build());
                }
                ws.close(1000, "closed by server");
                finish(redirect != null
                        ? Failure.streamError("see-other-host", redirect,
                                "The server asked us to connect to " + redirect + " instead.")
                        : Failure.of(Failure.Kind.STREAM_CLOSED, "The server closed the session."));
            } else if (StreamErrors.isStreamError(element)) {
                ws.close(1000, "stream error");
                finish(StreamErrors.toFailure(element));
            } else {
                listener.onElement(element);
            }
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            refuse(ws, new XmlException("unsupported-encoding",
                    "The server sent a binary WebSocket frame; XMPP over WebSocket uses text frames only."));
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            finish(closeRequested
                    ? Failure.of(Failure.Kind.LOCAL_CLOSE, "Signed out.")
                    : Failure.of(Failure.Kind.CONNECTION_LOST,
                            "The server closed the connection without ending the session (code " + code + ")."));
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            // A 101 that fails OkHttp's checks: a proxy passed the upgrade but dropped its Connection header.
            boolean brokenUpgrade = response != null && response.code() == 101 && t instanceof ProtocolException;
            if (response != null && (response.code() != 101 || brokenUpgrade)) {
                int code = response.code();
                finish(code >= 500 || code == 429
                        ? IoFailures.httpStatus(code, response.header("Retry-After"), uri, proxy)
                        : Failure.of(Failure.Kind.PROTOCOL_VIOLATION, "The server at " + uri
                                + " did not accept a WebSocket connection (HTTP " + code
                                + (brokenUpgrade ? ": " + t.getMessage() : "") + (proxy == null ? ""
                                : ", through " + proxy + ", which may not pass WebSocket connections") + ")."));
                return;
            }
            finish(closeRequested ? Failure.of(Failure.Kind.LOCAL_CLOSE, "Signed out.")
                    : IoFailures.toFailure(t, uri, proxy));
        }
    }
}
