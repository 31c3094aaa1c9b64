package dev.jitterbug.internal.client;

import java.net.URI;
import java.security.SecureRandom;

/**
 * The {@code route} URL parameter a load balancer can stick on ({@code resumption.stickyRoute}). Servers that keep a
 * session on one node (Prosody) can resume it only there, but a balancer never sees which node issued a resumption
 * id; a token the client sends with every connection lets it learn the node on the first request and send each later
 * one, and a resume after a dropped link, to the same place. Random per client, so it identifies nothing else.
 */
final class StickyRoute {
    static final String PARAMETER = "route";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StickyRoute() {
    }

    static String newToken() {
        StringBuilder token = new StringBuilder(22);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 22; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    /** The URI with {@code route=token} added to its query (any other parameters kept, the fragment dropped). */
    static URI addTo(URI uri, String token) {
        String text = uri.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        String query = uri.getRawQuery();
        return URI.create(text + (query == null ? "?" : query.isEmpty() ? "" : "&") + PARAMETER + "=" + token);
    }
}
