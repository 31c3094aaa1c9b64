package dev.jitterbug.fx.chat;

import java.util.Locale;

/**
 * The stand-in avatar of a sender: their initials in a coloured circle. The colour comes from the sender's key
 * (see {@link MessageItem#senderKey()}), so one person keeps one colour across messages, rooms and restarts.
 */
public final class Avatars {
    /** How many colours there are: style classes {@code avatar-colour-0} to {@code avatar-colour-7}. */
    public static final int COLOURS = 8;

    private Avatars() {
    }

    /**
     * One or two letters: the first letters of the first two words of the name ("Bob Smith" → "BS"), or the first
     * letter of a single word ("bob@example.org" → "B"); "?" when there is no letter at all.
     */
    public static String initials(String name) {
        if (name == null) {
            return "?";
        }
        String local = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        StringBuilder letters = new StringBuilder();
        for (String word : local.trim().split("[\\s._-]+")) {
            int first = firstLetter(word);
            if (first >= 0) {
                letters.appendCodePoint(word.codePointAt(first));
            }
            if (letters.codePointCount(0, letters.length()) == 2) {
                break;
            }
        }
        return letters.length() == 0 ? "?" : letters.toString().toUpperCase(Locale.ROOT);
    }

    /** The style class of the sender's colour; the same key always gets the same one. */
    public static String colourClass(String senderKey) {
        return "avatar-colour-" + colourIndex(senderKey);
    }

    static int colourIndex(String senderKey) {
        // String.hashCode is specified by the Java language, so it is stable across runs and machines.
        return Math.floorMod(senderKey == null ? 0 : senderKey.hashCode(), COLOURS);
    }

    private static int firstLetter(String word) {
        for (int i = 0; i < word.length(); i = word.offsetByCodePoints(i, 1)) {
            if (Character.isLetterOrDigit(word.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
