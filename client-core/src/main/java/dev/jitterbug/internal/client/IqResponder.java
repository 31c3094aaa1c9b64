package dev.jitterbug.internal.client;

import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;

/** The chain's last stage: RFC 6120 §8.2.3, every get/set gets an answer; pings are answered, the rest refused politely. */
final class IqResponder implements StanzaHandler {
    private final SessionLink link;

    IqResponder(SessionLink link) {
        this.link = link;
    }

    @Override
    public boolean handle(Element iq) {
        String type = iq.attr("type");
        if (!iq.is("iq", Namespaces.CLIENT) || (!"get".equals(type) && !"set".equals(type))) {
            return false;
        }
        Element.Builder answer = Element.builder("iq", Namespaces.CLIENT).attr("to", iq.attr("from"))
                .attr("id", iq.attr("id"));
        if (iq.child("ping", "urn:xmpp:ping") != null) {
            answer.attr("type", "result");
        } else {
            answer.attr("type", "error").child(Element.builder("error", Namespaces.CLIENT).attr("type", "cancel")
                    .child(Element.builder("service-unavailable", Namespaces.STANZAS)));
        }
        link.send(answer.build());
        return true;
    }
}
