package dev.jitterbug.transport.discovery;

import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.TransportType;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The connection endpoints a domain publishes in its XEP-0156 host-meta, per transport, and where they were read.
 * Each list is in order of preference: encrypted links first, then the document's own order.
 */
public final class HostMetaLinks {
    private final Map<TransportKind, List<URI>> links;
    private final String source;

    private HostMetaLinks(Map<TransportKind, List<URI>> links, String source) {
        this.links = links;
        this.source = source;
    }

    /** Collects links as a document lists them; unknown relations, wrong schemes and relative URIs are skipped. */
    public static final class Collector {
        private final Map<TransportKind, List<URI>> links = new EnumMap<>(TransportKind.class);

        public void add(String rel, String href) {
            TransportType type = rel == null ? null : TransportTypes.forRel(rel);
            if (type == null || href == null) {
                return;
            }
            URI uri;
            try {
                uri = new URI(href.trim());
            } catch (java.net.URISyntaxException e) {
                return;
            }
            if (uri.getHost() != null && TransportTypes.forUri(uri) == type) {
                links.computeIfAbsent(type.kind(), k -> new ArrayList<>()).add(uri);
            }
        }

        public HostMetaLinks build(String source) {
            Map<TransportKind, List<URI>> ordered = new EnumMap<>(TransportKind.class);
            links.forEach((kind, uris) -> ordered.put(kind, securedFirst(uris)));
            return new HostMetaLinks(ordered, source);
        }
    }

    /** The links for one transport, encrypted ones first (empty when the domain publishes none). */
    public List<URI> links(TransportKind kind) {
        List<URI> found = links.get(kind);
        return found == null ? Collections.<URI>emptyList() : found;
    }

    public boolean isEmpty() {
        return links.isEmpty();
    }

    /** Where the links were read, e.g. {@code https://example.org/.well-known/host-meta.json}. */
    public String source() {
        return source;
    }

    private static List<URI> securedFirst(List<URI> uris) {
        List<URI> ordered = new ArrayList<>();
        for (URI link : uris) {
            if (TransportTypes.isSecure(link)) {
                ordered.add(link);
            }
        }
        for (URI link : uris) {
            if (!TransportTypes.isSecure(link)) {
                ordered.add(link);
            }
        }
        return Collections.unmodifiableList(ordered);
    }

    @Override
    public String toString() {
        return "host-meta from " + source + ": " + links;
    }
}
