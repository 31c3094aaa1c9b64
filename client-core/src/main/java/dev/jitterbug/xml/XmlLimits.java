package dev.jitterbug.xml;

/** How much XML one parse may take: bounds memory and stack whatever a peer sends. */
public final class XmlLimits {
    /** 1 MiB per frame or BOSH body (Prosody's own stanza limit is 256 KiB) and 64 levels of nesting. */
    public static final XmlLimits DEFAULT = new XmlLimits(1 << 20, 64);

    private final int maxBytes;
    private final int maxDepth;

    public XmlLimits(int maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    public int maxBytes() {
        return maxBytes;
    }

    public int maxDepth() {
        return maxDepth;
    }
}
