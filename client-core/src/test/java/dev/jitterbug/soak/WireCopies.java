package dev.jitterbug.soak;

import dev.jitterbug.testing.LoopbackProxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

/**
 * Counts, from the bytes a client's proxy passes on, how many copies of each other user's message the server offered
 * this client (live, re-sent after a fault, from the archive). More than one copy of a message means the client's
 * duplicate filter had work to do: the soak asserts it had some, so "0 duplicates shown" is not luck.
 */
final class WireCopies implements LoopbackProxy.DownstreamTap {
    private final String user;
    private final Map<Object, StringBuilder> unread = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> copies = new ConcurrentHashMap<>();

    WireCopies(String user) {
        this.user = user;
    }

    @Override
    public void chunk(Object connection, byte[] bytes, int length) {
        StringBuilder text = unread.computeIfAbsent(connection, c -> new StringBuilder());
        synchronized (text) {
            // Soak bodies are ASCII; ISO-8859-1 maps every byte, so a chunk boundary never breaks a character.
            text.append(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
            Matcher body = SoakBody.ON_THE_WIRE.matcher(text);
            int consumed = 0;
            while (body.find()) {
                SoakBody message = SoakBody.from(body);
                if (!message.sender.equals(user)) {
                    copies.computeIfAbsent(message.stream() + "#" + message.sequence, k -> new AtomicInteger())
                            .incrementAndGet();
                }
                consumed = body.end();
            }
            // Keep only what may be the start of a body cut by the chunk boundary.
            int keepFrom = Math.max(consumed, text.length() - 256);
            text.delete(0, keepFrom);
        }
    }

    /** Copies beyond the first, summed over every message: what the client had to recognise and drop. */
    long extraCopies() {
        long extra = 0;
        for (AtomicInteger count : copies.values()) {
            extra += Math.max(0, count.get() - 1);
        }
        return extra;
    }
}
