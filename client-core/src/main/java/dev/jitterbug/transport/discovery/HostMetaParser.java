package dev.jitterbug.transport.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlException;
import dev.jitterbug.xml.XmlLimits;
import dev.jitterbug.xml.XmlParser;
import java.nio.charset.StandardCharsets;

/**
 * Reads the two XEP-0156 host-meta formats: JSON ({@code host-meta.json}, RFC 6415 JRD) and XRD
 * ({@code host-meta}). The XRD goes through Jitterbug's hardened {@link XmlParser} (no DTDs, no entities, bounded
 * size and depth), never a DOM parser.
 */
public final class HostMetaParser {
    static final String XRD_NS = "http://docs.oasis-open.org/ns/xri/xrd-1.0";
    /** A host-meta document is a few hundred bytes; anything much larger is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    private final JsonMapper json = JsonMapper.builder().build();
    private final XmlParser xml = new XmlParser(new XmlLimits(MAX_BYTES, 16));

    /** Parses {@code host-meta.json}. */
    public HostMetaLinks parseJson(byte[] document, String source) throws InvalidHostMetaException {
        JsonNode root;
        try {
            root = json.readTree(new String(document, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidHostMetaException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidHostMetaException(source + " is not a JSON object.");
        }
        JsonNode links = root.get("links");
        if (links == null || !links.isArray()) {
            throw new InvalidHostMetaException(source + " has no \"links\" list.");
        }
        HostMetaLinks.Collector collector = new HostMetaLinks.Collector();
        for (JsonNode link : links) {
            if (link.isObject()) {
                collector.add(text(link.get("rel")), text(link.get("href")));
            }
        }
        return collector.build(source);
    }

    /** Parses the XRD {@code host-meta}. */
    public HostMetaLinks parseXrd(byte[] document, String source) throws InvalidHostMetaException {
        Element root;
        try {
            root = xml.parse(document);
        } catch (XmlException e) {
            throw new InvalidHostMetaException(source + " could not be read: " + e.getMessage());
        }
        if (!root.is("XRD", XRD_NS)) {
            throw new InvalidHostMetaException(source + " is not an XRD document (its root is <" + root.name()
                    + ">).");
        }
        HostMetaLinks.Collector collector = new HostMetaLinks.Collector();
        for (Element link : root.children()) {
            if (link.is("Link", XRD_NS)) {
                collector.add(link.attr("rel"), link.attr("href"));
            }
        }
        return collector.build(source);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** A host-meta document that cannot be used, with the reason for people. */
    public static final class InvalidHostMetaException extends Exception {
        public InvalidHostMetaException(String message) {
            super(message);
        }
    }
}
