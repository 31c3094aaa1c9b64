package dev.jitterbug.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlParserTest {
    private final XmlParser parser = new XmlParser();

    @Test
    void readsNamespacesAttributesAndText() throws XmlException {
        Element message = parser.parse("<message xmlns='jabber:client' to='bob@x' xml:lang='en'>"
                + "<body>hi &amp; bye</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>");
        assertThat(message.is("message", "jabber:client")).isTrue();
        assertThat(message.attr("xml:lang")).isEqualTo("en");
        assertThat(message.childText("body", "jabber:client")).isEqualTo("hi & bye");
        assertThat(message.child("origin-id", "urn:xmpp:sid:0").attr("id")).isEqualTo("o1");
    }

    @Test
    void writerOutputParsesBackToTheSameElement() throws XmlException {
        Element original = Element.builder("message", "jabber:client").attr("to", "a\"b<c")
                .child(Element.builder("body", "jabber:client").text("<&>'\""))
                .child(Element.builder("x", "urn:other").attr("{urn:xmpp:xbosh}restart", "true")).build();
        assertThat(parser.parse(original.toXml())).isEqualTo(original);
    }

    @Test
    void anAttributeWhoseNamespaceContainsABraceSurvivesARoundTrip() throws XmlException {
        // Found by XmlParserFuzzTest: the writer split "{namespace}name" at the first '}', not the last.
        Element parsed = parser.parse("<body xmlns:p='urn:a}b' p:v='1'/>");
        assertThat(parsed.attr("{urn:a}b}v")).isEqualTo("1");
        assertThat(parser.parse(parsed.toXml())).isEqualTo(parsed);
    }

    @Test
    void boshAttributesAreWrittenWithTheXmppPrefixTheSpecificationUses() throws XmlException {
        // ejabberd 23.01 reads xmpp:version and xmpp:restart by their literal names (XEP-0206's prefix).
        Element body = Element.builder("body", "http://jabber.org/protocol/httpbind")
                .attr("{urn:xmpp:xbosh}version", "1.0").attr("{urn:xmpp:xbosh}restart", "true")
                .attr("{urn:other}x", "y").build();
        String xml = body.toXml();
        assertThat(xml).contains(" xmlns:xmpp=\"urn:xmpp:xbosh\" xmpp:version=\"1.0\" xmpp:restart=\"true\"")
                .containsOnlyOnce("xmlns:xmpp=").contains("xmlns:ns1=\"urn:other\" ns1:x=\"y\"");
        assertThat(parser.parse(xml)).isEqualTo(body);
    }

    @Test
    void refusesADocumentTypeDeclaration() {
        assertRefused("<!DOCTYPE message [<!ELEMENT message ANY>]><message xmlns='jabber:client'/>",
                "restricted-xml", "document type declaration (DTD), which XMPP forbids");
    }

    @Test
    void refusesAnEntityBombBeforeExpandingAnything() {
        StringBuilder bomb = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                bomb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            bomb.append("\">");
        }
        bomb.append("]><message xmlns='jabber:client'><body>&lol9;</body></message>");
        assertRefused(bomb.toString(), "restricted-xml", "DTD");
    }

    @Test
    void refusesExternalEntitiesAndUndeclaredEntityReferences() {
        assertRefused("<message xmlns='jabber:client'><body>&xxe;</body></message>", "not-well-formed",
                "not well-formed");
    }

    @Test
    void refusesCommentsAndProcessingInstructions() {
        assertRefused("<message xmlns='jabber:client'><!-- hi --></message>", "restricted-xml", "XML comment");
        assertRefused("<message xmlns='jabber:client'><?php x ?></message>", "restricted-xml",
                "processing instruction");
    }

    @Test
    void refusesATenMegabyteStanzaWithoutParsingIt() {
        String huge = "<message xmlns='jabber:client'><body>" + "x".repeat(10 * 1024 * 1024) + "</body></message>";
        assertRefused(huge, "policy-violation", "The server sent 10.0 MB in one piece; Jitterbug accepts at most 1.0 MB.");
    }

    @Test
    void refusesTenThousandLevelsOfNesting() {
        String deep = "<a xmlns='x'>".repeat(10_000) + "</a>".repeat(10_000);
        assertRefused(deep, "policy-violation", "nested more than 64 levels deep");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] bytes = "<message xmlns='jabber:client'><body>__</body></message>".getBytes(StandardCharsets.UTF_8);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("__");
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28; // an invalid two-byte sequence
        byte[] invalid = bytes;
        assertThatThrownBy(() -> parser.parse(invalid))
                .isInstanceOf(XmlException.class)
                .hasMessage("The server sent bytes that are not valid UTF-8.")
                .extracting(e -> ((XmlException) e).condition()).isEqualTo("not-well-formed");
    }

    @Test
    void refusesStrayTextOutsideTheStanza() {
        assertRefused("<message xmlns='jabber:client'/>garbage", "not-well-formed", "not well-formed");
    }

    @Test
    void theParserStaysUsableAfterRefusingSomething() throws XmlException {
        assertRefused("<!DOCTYPE x><x/>", "restricted-xml", "DTD");
        assertThat(parser.parse("<presence xmlns='jabber:client'/>").name()).isEqualTo("presence");
    }

    private void assertRefused(String xml, String condition, String messagePart) {
        assertThatThrownBy(() -> parser.parse(xml))
                .isInstanceOf(XmlException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((XmlException) e).condition()).isEqualTo(condition);
    }

    @Test
    void manyThreadsShareTheParsersWithoutMixingDocuments() throws Exception {
        XmlParser shared = new XmlParser();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 300; i++) {
                        String id = thread + "-" + i;
                        if (i % 50 == 0) { // a refused document in between must not spoil the parser for the next
                            assertThatThrownBy(() -> shared.parse("<a><b>half")).isInstanceOf(XmlException.class);
                        }
                        Element parsed = shared.parse("<message xmlns='jabber:client' id='" + id + "'><body>" + id
                                + "</body></message>");
                        assertThat(parsed.attr("id")).isEqualTo(id);
                        assertThat(parsed.childText("body", "jabber:client")).isEqualTo(id);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
