package dev.jitterbug.transport;

import dev.jitterbug.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs top-level elements crossing the wire at DEBUG (logger {@code dev.jitterbug.wire}), for diagnosing a
 * session. Authentication exchanges are redacted before anything is formatted: a password (PLAIN) or a SCRAM
 * proof never reaches a log, whatever the log level.
 */
public final class WireLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.jitterbug.wire");

    private WireLog() {
    }

    public static void sent(String endpoint, Element element) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("SEND {} {}", endpoint, redact(element).toXml());
        }
    }

    public static void received(String endpoint, Element element) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("RECV {} {}", endpoint, redact(element).toXml());
        }
    }

    /** The element with the content of every SASL/SASL2 element (and BOSH bodies' such children) blanked. */
    static Element redact(Element element) {
        boolean secret = Namespaces.SASL.equals(element.namespace()) || Namespaces.SASL2.equals(element.namespace());
        Element.Builder copy = Element.builder(element.name(), element.namespace());
        element.attributes().forEach(copy::attr);
        for (Object part : element.content()) {
            if (part instanceof Element) {
                copy.child(secret ? redactedLeaf((Element) part) : redact((Element) part));
            } else if (!secret) {
                copy.text((String) part);
            } else {
                copy.text("[redacted]");
            }
        }
        return copy.build();
    }

    private static Element redactedLeaf(Element element) {
        Element.Builder copy = Element.builder(element.name(), element.namespace());
        if (!element.content().isEmpty()) {
            copy.text("[redacted]");
        }
        return copy.build();
    }
}
