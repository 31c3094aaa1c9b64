package dev.jitterbug.transport.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The connection endpoints a domain publishes in its XEP-0156 host-meta, and where they were read. Each list is in
 * order of preference: encrypted ({@code wss}/{@code https}) links first, then the document's own order.
 */
public final class HostMetaLinks {
    public static final String WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";
    public static final String BOSH_REL = "urn:xmpp:alt-connections:xbosh";

    private final List<URI> webSocket;
    private final List<URI> bosh;
    private final String source;

    private HostMetaLinks(List<URI> webSocket, List<URI> bosh, String source) {
        this.webSocket = Collections.unmodifiableList(webSocket);
        this.bosh = Collections.unmodifiableList(bosh);
        this.source = source;
    }

    /** Collects links as a document lists them; links with a wrong scheme or no absolute URI are skipped. */
    public static final class Collector {
        private final List<URI> webSocket = new ArrayList<>();
        private final List<URI> bosh = new ArrayList<>();

        public void add(String rel, String href) {
            if (rel == null || href == null) {
                return;
            }
            URI uri;
            try {
                uri = new URI(href.trim());
            } catch (java.net.URISyntaxException e) {
                return;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (uri.getHost() == null) {
                return;
            }
            if (WEBSOCKET_REL.equals(rel) && (scheme.equals("wss") || scheme.equals("ws"))) {
                webSocket.add(uri);
            } else if (BOSH_REL.equals(rel) && (scheme.equals("https") || scheme.equals("http"))) {
                bosh.add(uri);
            }
        }

        public HostMetaLinks build(String source) {
            return new HostMetaLinks(securedFirst(webSocket), securedFirst(bosh), source);
        }
    }

    /** WebSocket links, wss first. */
    public List<URI> webSocket() {
        return webSocket;
    }

    /** BOSH links, https first. */
    public List<URI> bosh() {
        return bosh;
    }

    public boolean isEmpty() {
        return webSocket.isEmpty() && bosh.isEmpty();
    }

    /** Where the links were read, e.g. {@code https://example.org/.well-known/host-meta.json}. */
    public String source() {
        return source;
    }

    private static List<URI> securedFirst(List<URI> links) {
        List<URI> ordered = new ArrayList<>();
        for (URI link : links) {
            if (isSecure(link)) {
                ordered.add(link);
            }
        }
        for (URI link : links) {
            if (!isSecure(link)) {
                ordered.add(link);
            }
        }
        return ordered;
    }

    static boolean isSecure(URI link) {
        return "wss".equalsIgnoreCase(link.getScheme()) || "https".equalsIgnoreCase(link.getScheme());
    }

    @Override
    public String toString() {
        return "host-meta from " + source + ": websocket=" + webSocket + " bosh=" + bosh;
    }
}
