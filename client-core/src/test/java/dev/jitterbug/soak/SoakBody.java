package dev.jitterbug.soak;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a soak message says about itself: {@code sender|sequence|recipient}, the recipient being a user or
 * {@link #ROOM}. Every body is unique, so copies on the wire and at the client can be told apart from new messages.
 */
final class SoakBody {
    static final String ROOM = "room";
    /** A body inside a stanza as the server writes it (soak bodies need no escaping). */
    static final Pattern ON_THE_WIRE = Pattern.compile("<body>([a-z]+)\\|(\\d+)\\|([a-z]+)</body>");

    final String sender;
    final long sequence;
    final String recipient;

    private SoakBody(String sender, long sequence, String recipient) {
        this.sender = sender;
        this.sequence = sequence;
        this.recipient = recipient;
    }

    static String write(String sender, long sequence, String recipient) {
        return sender + "|" + sequence + "|" + recipient;
    }

    /** The parsed body, or null for a body that is not a soak message (e.g. the harness's own check-ins). */
    static SoakBody parse(String body) {
        String[] parts = body == null ? new String[0] : body.split("\\|");
        if (parts.length != 3 || !parts[1].matches("\\d+")) {
            return null;
        }
        return new SoakBody(parts[0], Long.parseLong(parts[1]), parts[2]);
    }

    static SoakBody from(Matcher wire) {
        return new SoakBody(wire.group(1), Long.parseLong(wire.group(2)), wire.group(3));
    }

    /** The stream this message belongs to, as its receivers see it: per sender and conversation. */
    String stream() {
        return sender + "@" + (ROOM.equals(recipient) ? ROOM : "direct");
    }
}
