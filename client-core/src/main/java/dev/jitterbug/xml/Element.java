package dev.jitterbug.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable XML element: a qualified name, attributes, and children that are elements or text.
 * Stanzas, stream features and BOSH bodies are all Elements; build them with {@link #builder(String, String)}.
 */
public final class Element {
    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    private final List<Object> children; // Element or String

    private Element(String name, String namespace, Map<String, String> attributes, List<Object> children) {
        this.name = name;
        this.namespace = namespace;
        this.attributes = attributes;
        this.children = children;
    }

    public static Builder builder(String name, String namespace) {
        return new Builder(name, namespace);
    }

    /** The local name, e.g. {@code message}. */
    public String name() {
        return name;
    }

    /** The namespace URI, e.g. {@code jabber:client} ("" when none). */
    public String namespace() {
        return namespace;
    }

    public boolean is(String localName, String ns) {
        return name.equals(localName) && namespace.equals(ns);
    }

    /** The attribute value, or {@code null}. Qualified attributes use "{ns}local" keys, except xml:lang. */
    public String attr(String key) {
        return attributes.get(key);
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    /** Child elements and text, in document order. */
    public List<Object> content() {
        return children;
    }

    /** The child elements, in order. */
    public List<Element> children() {
        List<Element> out = new ArrayList<>();
        for (Object child : children) {
            if (child instanceof Element) {
                out.add((Element) child);
            }
        }
        return out;
    }

    /** The first child with this name and namespace, or {@code null}. */
    public Element child(String localName, String ns) {
        for (Object child : children) {
            if (child instanceof Element && ((Element) child).is(localName, ns)) {
                return (Element) child;
            }
        }
        return null;
    }

    /** The first child with this name in any namespace, or {@code null}. */
    public Element child(String localName) {
        for (Object child : children) {
            if (child instanceof Element && ((Element) child).name.equals(localName)) {
                return (Element) child;
            }
        }
        return null;
    }

    /** The concatenated direct text content ("" when none). */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Object child : children) {
            if (child instanceof String) {
                text.append((String) child);
            }
        }
        return text.toString();
    }

    /** The text of the named child, or {@code null} when there is no such child. */
    public String childText(String localName, String ns) {
        Element child = child(localName, ns);
        return child == null ? null : child.text();
    }

    public Builder toBuilder() {
        Builder builder = new Builder(name, namespace);
        builder.attributes.putAll(attributes);
        builder.children.addAll(children);
        return builder;
    }

    /** Serialises this element with its namespace declared on it. */
    public String toXml() {
        return XmlWriter.write(this, null);
    }

    @Override
    public String toString() {
        return toXml();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Element)) {
            return false;
        }
        Element other = (Element) o;
        return name.equals(other.name) && namespace.equals(other.namespace) && attributes.equals(other.attributes)
                && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + children.hashCode();
    }

    /** Builds elements; children inherit nothing implicitly — give each its namespace. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Object> children = new ArrayList<>();

        private Builder(String name, String namespace) {
            this.name = name;
            this.namespace = namespace == null ? "" : namespace;
        }

        /** Sets an attribute; a {@code null} value is skipped, so optional attributes read naturally. */
        public Builder attr(String key, String value) {
            if (value != null) {
                attributes.put(key, value);
            }
            return this;
        }

        public Builder child(Element child) {
            if (child != null) {
                children.add(child);
            }
            return this;
        }

        public Builder child(Builder child) {
            return child(child.build());
        }

        /** Adds a child element in the same namespace with the given text. */
        public Builder textChild(String childName, String text) {
            return child(new Builder(childName, namespace).text(text));
        }

        public Builder text(String text) {
            if (text != null && !text.isEmpty()) {
                children.add(text);
            }
            return this;
        }

        public Element build() {
            return new Element(name, namespace, Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
                    Collections.unmodifiableList(new ArrayList<>(children)));
        }
    }
}
