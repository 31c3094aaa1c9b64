package dev.jitterbug.fx.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message body cut into plain text and web links, so the view can make the links clickable. Only {@code http}
 * and {@code https} links count; line breaks stay in the text parts as they are.
 */
public final class MessageText {
    /** A piece of a body: a link (its text is the address) or plain text. */
    public record Part(String text, boolean link) {
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    /** Punctuation that ends a sentence rather than the address ("see https://x.org."). */
    private static final String TRAILING = ".,;:!?)]}'";

    private MessageText() {
    }

    public static List<Part> parts(String body) {
        List<Part> parts = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return parts;
        }
        Matcher matcher = LINK.matcher(body);
        int done = 0;
        while (matcher.find()) {
            int end = matcher.end();
            while (end > matcher.start() && TRAILING.indexOf(body.charAt(end - 1)) >= 0) {
                end--;
            }
            if (matcher.start() > done) {
                parts.add(new Part(body.substring(done, matcher.start()), false));
            }
            parts.add(new Part(body.substring(matcher.start(), end), true));
            done = end;
        }
        if (done < body.length()) {
            parts.add(new Part(body.substring(done), false));
        }
        return parts;
    }
}
