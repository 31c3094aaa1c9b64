package dev.jitterbug.xml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses one complete XML document — a WebSocket frame or a BOSH body — into an {@link Element}, refusing what
 * XMPP forbids (RFC 6120 §11.1: DTDs, entity declarations, comments, processing instructions) before any parser
 * sees it, and enforcing size and depth limits. Never resolves an external entity. Cheap to create and safe to share:
 * each parse borrows a hardened SAX parser from a process-wide pool.
 */
public final class XmlParser {
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    /**
     * Hardened SAX parsers shared by every XmlParser in the process: building one costs more CPU than a whole login's
     * parsing (Xerces sets up its configuration), and a client holding its own two cost heap per session. A parse
     * borrows one and returns it reset; at most this many wait in the pool.
     */
    private static final int POOLED_PARSERS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    private static final Queue<SAXParser> POOL = new ConcurrentLinkedQueue<>();

    private final XmlLimits limits;

    public XmlParser(XmlLimits limits) {
        this.limits = limits;
    }

    public XmlParser() {
        this(XmlLimits.DEFAULT);
    }

    /** Decodes strict UTF-8 (invalid bytes are an error, not replaced), then parses. */
    public Element parse(byte[] utf8) throws XmlException {
        checkSize(utf8.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(utf8));
        } catch (CharacterCodingException e) {
            throw new XmlException("not-well-formed", "The server sent bytes that are not valid UTF-8.");
        }
        return parse(chars.toString());
    }

    public Element parse(String xml) throws XmlException {
        checkSize(xml.length());
        checkRestricted(xml);
        SAXParser sax = borrow();
        boolean reusable = false;
        try {
            Element root = parse(sax, xml);
            reusable = true;
            return root;
        } catch (XmlException e) {
            reusable = true; // a refused document leaves the parser as good as new once reset
            throw e;
        } finally {
            if (reusable) {
                giveBack(sax);
            }
        }
    }

    private static SAXParser borrow() {
        SAXParser pooled = POOL.poll();
        return pooled != null ? pooled : newHardenedParser();
    }

    private static void giveBack(SAXParser sax) {
        try {
            sax.reset();
        } catch (UnsupportedOperationException e) {
            return; // a platform parser that cannot be reset is not reused
        }
        if (POOL.size() < POOLED_PARSERS) {
            POOL.offer(sax);
        }
    }

    private Element parse(SAXParser sax, String xml) throws XmlException {
        TreeBuilder builder = new TreeBuilder(limits.maxDepth());
        try {
            XMLReader reader = sax.getXMLReader();
            reader.setContentHandler(builder);
            reader.setErrorHandler(builder);
            reader.setEntityResolver((publicId, systemId) -> {
                throw new RestrictedXml("The server's XML refers to an external entity, which Jitterbug never loads.");
            });
            reader.parse(new InputSource(new StringReader(xml)));
        } catch (DepthExceeded e) {
            throw new XmlException("policy-violation",
                    "The server sent XML nested more than " + limits.maxDepth() + " levels deep.");
        } catch (RestrictedXml e) {
            throw new XmlException("restricted-xml", e.getMessage());
        } catch (SAXParseException e) {
            throw new XmlException("not-well-formed", "The server sent XML that is not well-formed (line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage() + ").");
        } catch (SAXException | IOException e) {
            throw new XmlException("not-well-formed", "The server sent XML that could not be read: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new XmlException("policy-violation", "The server sent XML nested too deeply to process.");
        }
        if (builder.root == null) {
            throw new XmlException("not-well-formed", "The server sent an empty XML document.");
        }
        return builder.root;
    }

    private void checkSize(int size) throws XmlException {
        if (size > limits.maxBytes()) {
            throw new XmlException("policy-violation", "The server sent " + humanSize(size)
                    + " in one piece; Jitterbug accepts at most " + humanSize(limits.maxBytes()) + ".");
        }
    }

    /** RFC 6120 §11.1: refuse DTDs, comments and processing instructions before a parser can act on them. */
    private static void checkRestricted(String xml) throws XmlException {
        int i = xml.indexOf('<');
        while (i >= 0 && i + 1 < xml.length()) {
            char next = xml.charAt(i + 1);
            if (next == '!') {
                if (xml.startsWith("<![CDATA[", i)) {
                    int end = xml.indexOf("]]>", i);
                    if (end < 0) {
                        break;
                    }
                    i = xml.indexOf('<', end);
                    continue;
                }
                String what = xml.startsWith("<!--", i) ? "an XML comment"
                        : xml.regionMatches(true, i, "<!DOCTYPE", 0, 9) ? "a document type declaration (DTD)"
                        : xml.regionMatches(true, i, "<!ENTITY", 0, 8) ? "an entity declaration"
                        : "a markup declaration";
                throw new XmlException("restricted-xml",
                        "The server sent " + what + ", which XMPP forbids; Jitterbug refuses to process it.");
            }
            if (next == '?' && !(i == 0 && xml.startsWith("<?xml ", 0))) {
                throw new XmlException("restricted-xml",
                        "The server sent an XML processing instruction, which XMPP forbids.");
            }
            i = xml.indexOf('<', i + 1);
        }
    }

    private static SAXParser newHardenedParser() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        // Defence in depth behind checkRestricted: not every platform parser knows every feature (Android's does
        // not), so each is best effort.
        trySetFeature(factory, XMLConstants.FEATURE_SECURE_PROCESSING, true);
        trySetFeature(factory, "http://apache.org/xml/features/disallow-doctype-decl", true);
        trySetFeature(factory, "http://xml.org/sax/features/external-general-entities", false);
        trySetFeature(factory, "http://xml.org/sax/features/external-parameter-entities", false);
        trySetFeature(factory, "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try {
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("No usable XML parser on this platform", e);
        }
    }

    private static void trySetFeature(SAXParserFactory factory, String feature, boolean value) {
        try {
            factory.setFeature(feature, value);
        } catch (ParserConfigurationException | SAXException | UnsupportedOperationException ignored) {
            // this platform's parser does not know the feature; checkRestricted still applies
        }
    }

    static String humanSize(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
        }
        if (bytes >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / (double) (1 << 10));
        }
        return bytes + " bytes";
    }

    private static final class DepthExceeded extends SAXException {
        DepthExceeded() {
            super("too deep");
        }
    }

    private static final class RestrictedXml extends SAXException {
        RestrictedXml(String message) {
            super(message);
        }
    }

    /** Builds the Element tree bottom-up, counting depth so a hostile peer cannot exhaust the stack or heap. */
    private static final class TreeBuilder extends DefaultHandler {
        private final int maxDepth;
        private final Deque<Element.Builder> open = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private Element root;

        TreeBuilder(int maxDepth) {
            this.maxDepth = maxDepth;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if (open.size() >= maxDepth) {
                throw new DepthExceeded();
            }
            flushText();
            Element.Builder builder = Element.builder(localName, uri);
            for (int i = 0; i < attributes.getLength(); i++) {
                String attrUri = attributes.getURI(i);
                String attrName = attributes.getLocalName(i);
                String key = attrUri == null || attrUri.isEmpty() ? attrName
                        : XML_NS.equals(attrUri) ? "xml:" + attrName
                        : "{" + attrUri + "}" + attrName;
                builder.attr(key, attributes.getValue(i));
            }
            open.push(builder);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flushText();
            Element done = open.pop().build();
            if (open.isEmpty()) {
                root = done;
            } else {
                open.peek().child(done);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        private void flushText() {
            if (text.length() > 0 && !open.isEmpty()) {
                open.peek().text(text.toString());
                text.setLength(0);
            }
        }
    }
}
