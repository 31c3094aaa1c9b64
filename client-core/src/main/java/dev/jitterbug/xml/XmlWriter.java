package dev.jitterbug.xml;

import java.util.HashMap;
import java.util.Map;

/** Serialises {@link Element}s. Declares a namespace only where it differs from the parent's. */
public final class XmlWriter {
    /**
     * Prefixes the specifications use for attribute namespaces. Any prefix is the same XML, but ejabberd 23.01's
     * BOSH reads the attributes by their literal names ({@code xmpp:version}, {@code xmpp:restart}, XEP-0206): under
     * another prefix it takes the client for a pre-XMPP one and holds each answer for the whole {@code wait}.
     */
    private static final Map<String, String> CONVENTIONAL_PREFIXES = new HashMap<>();

    static {
        CONVENTIONAL_PREFIXES.put("urn:xmpp:xbosh", "xmpp");
    }

    private XmlWriter() {
    }

    /**
     * Writes the element; {@code parentNamespace} is the namespace in scope (null to always declare it).
     * Keys of the form "{ns}local" become prefixed attributes with their own declaration (only xml:lang is special).
     */
    public static String write(Element element, String parentNamespace) {
        StringBuilder out = new StringBuilder(128);
        write(element, parentNamespace, out);
        return out.toString();
    }

    private static void write(Element e, String parentNamespace, StringBuilder out) {
        out.append('<').append(e.name());
        if (!e.namespace().equals(parentNamespace)) {
            out.append(" xmlns=\"");
            escape(e.namespace(), true, out);
            out.append('"');
        }
        int prefixes = 0;
        Map<String, String> declared = null;
        for (Map.Entry<String, String> attr : e.attributes().entrySet()) {
            String key = attr.getKey();
            if (key.startsWith("{")) {
                int close = key.lastIndexOf('}');
                String ns = key.substring(1, close);
                String prefix = declared == null ? null : declared.get(ns);
                if (prefix == null) {
                    String conventional = CONVENTIONAL_PREFIXES.get(ns);
                    prefix = conventional != null ? conventional : "ns" + (++prefixes);
                    declared = declared == null ? new HashMap<>() : declared;
                    declared.put(ns, prefix);
                    out.append(" xmlns:").append(prefix).append("=\"");
                    escape(ns, true, out);
                    out.append('"');
                }
                out.append(' ').append(prefix).append(':').append(key.substring(close + 1));
            } else {
                out.append(' ').append(key);
            }
            out.append("=\"");
            escape(attr.getValue(), true, out);
            out.append('"');
        }
        if (e.content().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Object child : e.content()) {
            if (child instanceof Element) {
                write((Element) child, e.namespace(), out);
            } else {
                escape((String) child, false, out);
            }
        }
        out.append("</").append(e.name()).append('>');
    }

    static void escape(String s, boolean attribute, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                default -> {
                    // Characters XML 1.0 cannot carry at all are dropped rather than producing a document the
                    // server rejects (and ends the stream for).
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
    }
}
