package dev.jitterbug.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class StickyRouteTest {
    @Test
    void theTokenIsAddedToTheQueryKeepingWhatIsThere() {
        assertEquals(URI.create("wss://example.org/xmpp-websocket?route=t1"),
                StickyRoute.addTo(URI.create("wss://example.org/xmpp-websocket"), "t1"));
        assertEquals(URI.create("https://example.org/http-bind?x=%20y&route=t1"),
                StickyRoute.addTo(URI.create("https://example.org/http-bind?x=%20y#f"), "t1"));
        assertEquals(URI.create("https://example.org/http-bind?route=t1"),
                StickyRoute.addTo(URI.create("https://example.org/http-bind?"), "t1"));
    }

    @Test
    void tokensAreRandomPerClient() {
        assertNotEquals(StickyRoute.newToken(), StickyRoute.newToken());
        assertEquals(22, StickyRoute.newToken().length());
    }
}
