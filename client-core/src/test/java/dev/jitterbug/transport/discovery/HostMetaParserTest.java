package dev.jitterbug.transport.discovery;

import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.discovery.TransportTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostMetaParserTest {
    private final HostMetaParser parser = new HostMetaParser();

    @Test
    void readsTheJsonForm() throws Exception {
        HostMetaLinks links = parser.parseJson(bytes("""
                {"links": [
                  {"rel": "urn:xmpp:alt-connections:xbosh", "href": "https://example.org/http-bind"},
                  {"rel": "urn:xmpp:alt-connections:websocket", "href": "wss://example.org/xmpp-websocket"},
                  {"rel": "something-else", "href": "https://example.org/other"}
                ]}"""), "host-meta.json");
        assertThat(links.links(TransportKind.WEBSOCKET)).containsExactly(URI.create("wss://example.org/xmpp-websocket"));
        assertThat(links.links(TransportKind.BOSH)).containsExactly(URI.create("https://example.org/http-bind"));
    }

    @Test
    void readsTheXrdForm() throws Exception {
        HostMetaLinks links = parser.parseXrd(bytes("""
                <?xml version='1.0' encoding='utf-8'?>
                <XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
                  <Link rel="urn:xmpp:alt-connections:xbosh" href="https://example.org/http-bind" />
                  <Link rel="urn:xmpp:alt-connections:websocket" href="wss://example.org/xmpp-websocket" />
                </XRD>"""), "host-meta");
        assertThat(links.links(TransportKind.WEBSOCKET)).containsExactly(URI.create("wss://example.org/xmpp-websocket"));
        assertThat(links.links(TransportKind.BOSH)).containsExactly(URI.create("https://example.org/http-bind"));
    }

    @Test
    void anXrdWithADoctypeIsRefusedByTheHardenedParser() {
        assertThatThrownBy(() -> parser.parseXrd(bytes("""
                <!DOCTYPE XRD [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><Link rel='r' href='&x;'/></XRD>"""),
                "https://example.org/.well-known/host-meta"))
                .hasMessage("https://example.org/.well-known/host-meta could not be read: The server sent a document "
                        + "type declaration (DTD), which XMPP forbids; Jitterbug refuses to process it.");
    }

    @Test
    void documentsOfTheWrongShapeAreExplained() {
        assertThatThrownBy(() -> parser.parseJson(bytes("[1, 2]"), "host-meta.json"))
                .hasMessage("host-meta.json is not a JSON object.");
        assertThatThrownBy(() -> parser.parseJson(bytes("{\"links\": 3}"), "host-meta.json"))
                .hasMessage("host-meta.json has no \"links\" list.");
        assertThatThrownBy(() -> parser.parseJson(bytes("{"), "host-meta.json"))
                .hasMessageStartingWith("host-meta.json is not valid JSON: ");
        assertThatThrownBy(() -> parser.parseXrd(bytes("<html/>"), "host-meta"))
                .hasMessage("host-meta is not an XRD document (its root is <html>).");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
