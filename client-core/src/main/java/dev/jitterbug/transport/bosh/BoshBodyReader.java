package dev.jitterbug.transport.bosh;

import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlException;
import dev.jitterbug.xml.XmlLimits;
import dev.jitterbug.xml.XmlParser;
import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads one BOSH response body and the session terms in it. Separate from {@link BoshTransport} so that what a
 * hostile connection manager can send is parsed in one small place (and fuzzed directly).
 */
final class BoshBodyReader {
    private final XmlParser parser;

    BoshBodyReader(XmlLimits limits) {
        this.parser = new XmlParser(limits);
    }

    /** The {@code <body/>} wrapper with its children; refuses anything else, and text between stanzas. */
    Element read(byte[] bytes) throws XmlException {
        Element body = parser.parse(bytes);
        if (!body.is("body", Namespaces.HTTPBIND)) {
            throw new XmlException("bad-format", "The BOSH server answered with <" + body.name()
                    + "> instead of a BOSH <body>.");
        }
        for (Object part : body.content()) {
            if (part instanceof String && !((String) part).trim().isEmpty()) {
                throw new XmlException("bad-format", "The BOSH server sent text outside any stanza.");
            }
        }
        return body;
    }

    /**
     * A response body, read up to {@code maxBytes} (counted while reading, so a hostile server cannot make us hold
     * more); null when it is longer.
     */
    static byte[] readLimited(ResponseBody responseBody, int maxBytes) throws IOException {
        if (responseBody == null) {
            return new byte[0];
        }
        long limit = (long) maxBytes + 1;
        BufferedSource source = responseBody.source();
        Buffer buffer = new Buffer();
        while (buffer.size() < limit) {
            long read = source.read(buffer, limit - buffer.size());
            if (read == -1) {
                break;
            }
        }
        return buffer.size() >= limit ? null : buffer.readByteArray();
    }

    /** XEP-0124 §7.1 {@code requests}: how many requests may be outstanding; we use 1 or 2 whatever it says. */
    static int maxRequests(Element sessionCreation, int hold) {
        return Math.max(1, Math.min(2, intAttr(sessionCreation, "requests", hold + 1)));
    }

    /** XEP-0124 §7.1 {@code polling}: the shortest gap between empty polls; never below one second. */
    static long pollingMillis(Element sessionCreation) {
        return Math.max(1_000, intAttr(sessionCreation, "polling", 5) * 1000L);
    }

    /** A {@code terminate} with {@code item-not-found} and nothing else: how Prosody refuses a rid it forgot. */
    static boolean isForgottenRidRefusal(Element body) {
        return "terminate".equals(body.attr("type")) && "item-not-found".equals(body.attr("condition"))
                && body.children().isEmpty();
    }

    static int intAttr(Element element, String name, int fallback) {
        try {
            String value = element.attr(name);
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
