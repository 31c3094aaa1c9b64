package dev.jitterbug;

import java.util.Locale;

/** An XMPP address: {@code local@domain/resource}, each part optional except the domain. */
public final class Jid {
    private final String local;
    private final String domain;
    private final String resource;

    private Jid(String local, String domain, String resource) {
        this.local = local;
        this.domain = domain;
        this.resource = resource;
    }

    /** Parses a JID; throws {@link IllegalArgumentException} with a readable sentence when it is not one. */
    public static Jid parse(String text) {
        if (text == null || text.trim().isEmpty()) {
            throw new IllegalArgumentException("Enter an address like alice@example.org.");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        String resource = slash >= 0 ? s.substring(slash + 1) : null;
        String bare = slash >= 0 ? s.substring(0, slash) : s;
        int at = bare.indexOf('@');
        String local = at >= 0 ? bare.substring(0, at) : null;
        String domain = (at >= 0 ? bare.substring(at + 1) : bare).toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || (local != null && local.isEmpty()) || (resource != null && resource.isEmpty())
                || domain.contains("@") || domain.contains(" ")) {
            throw new IllegalArgumentException("'" + text + "' is not a valid address; use the form alice@example.org.");
        }
        return new Jid(local == null ? null : local.toLowerCase(Locale.ROOT), domain, resource);
    }

    public static Jid of(String local, String domain) {
        return new Jid(local, domain, null);
    }

    public String local() {
        return local;
    }

    public String domain() {
        return domain;
    }

    public String resource() {
        return resource;
    }

    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    public Jid withResource(String newResource) {
        return new Jid(local, domain, newResource);
    }

    public boolean isBare() {
        return resource == null;
    }

    @Override
    public String toString() {
        return (local != null ? local + "@" : "") + domain + (resource != null ? "/" + resource : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jid && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
