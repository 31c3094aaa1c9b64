package dev.jitterbug.transport;

import dev.jitterbug.Failure;
import dev.jitterbug.xml.Element;

/** Reads and writes RFC 6120 stream errors, and words them for people. */
public final class StreamErrors {
    private StreamErrors() {
    }

    /** The {@code <stream:error>} element to send for a condition. */
    public static Element build(String condition, String text) {
        Element.Builder error = Element.builder("error", Namespaces.STREAMS)
                .child(Element.builder(condition, Namespaces.STREAM_ERRORS));
        if (text != null) {
            error.child(Element.builder("text", Namespaces.STREAM_ERRORS).attr("xml:lang", "en").text(text));
        }
        return error.build();
    }

    public static boolean isStreamError(Element element) {
        return element.is("error", Namespaces.STREAMS);
    }

    /** Turns a received stream error into a Failure with a sentence a person understands. */
    public static Failure toFailure(Element error) {
        String condition = "undefined-condition";
        String redirect = null;
        for (Element child : error.children()) {
            if (Namespaces.STREAM_ERRORS.equals(child.namespace()) && !"text".equals(child.name())) {
                condition = child.name();
                if ("see-other-host".equals(condition)) {
                    redirect = child.text().trim();
                }
            }
        }
        String serverText = error.childText("text", Namespaces.STREAM_ERRORS);
        return Failure.streamError(condition, redirect, describe(condition, redirect, serverText));
    }

    static String describe(String condition, String redirect, String serverText) {
        String sentence;
        switch (condition) {
            case "conflict" -> sentence = "You signed in from another place with the same device name, "
                    + "so the server ended this session.";
            case "system-shutdown" -> sentence = "The server is shutting down or restarting.";
            case "see-other-host" -> sentence = "The server asked us to connect to " + redirect + " instead.";
            case "policy-violation" -> sentence = "The server ended the session because of a policy violation.";
            case "connection-timeout" -> sentence = "The server ended the session because it heard nothing from us.";
            case "not-authorized" -> sentence = "The server says this session is not authorised.";
            case "reset" -> sentence = "The server reset the session.";
            case "internal-server-error" -> sentence = "The server had an internal error.";
            case "host-unknown" -> sentence = "The server does not serve this domain.";
            case "not-well-formed", "bad-format", "restricted-xml", "invalid-xml" ->
                    sentence = "The server could not read what we sent (" + condition + ").";
            default -> sentence = "The server ended the session (" + condition + ").";
        }
        return serverText == null || serverText.isEmpty() ? sentence : sentence + " It said: \"" + serverText + "\"";
    }
}
