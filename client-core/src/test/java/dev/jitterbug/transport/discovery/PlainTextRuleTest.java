package dev.jitterbug.transport.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which unencrypted addresses count as this machine: decided from the address as written, never by DNS. */
class PlainTextRuleTest {
    private static final PlainTextRule LOOPBACK_ONLY = PlainTextRule.forAccount(false);

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "127.0.0.1", "127.255.0.9", "[::1]", "[0:0:0:0:0:0:0:1]"})
    void unencryptedAddressesOnThisMachineArePermitted(String host) {
        assertThat(LOOPBACK_ONLY.permits(TransportTypes.endpoint(URI.create("ws://" + host + ":5280/x"), "test")))
                .isTrue();
        assertThat(LOOPBACK_ONLY.permits(TransportTypes.endpoint(URI.create("http://" + host + "/x"), "test")))
                .isTrue();
    }

    /** {@code cafe.de} is written in hex digits: it must not be taken for an address (nor looked up). */
    @ParameterizedTest
    @ValueSource(strings = {"example.org", "cafe.de", "127.0.0.1.example.org", "localhost.example.org", "[::2]",
            "128.0.0.1", "127.0.0.300", "0.0.0.0", "10.0.0.1", "[::]"})
    void unencryptedAddressesElsewhereAreNot(String host) {
        assertThat(LOOPBACK_ONLY.permits(TransportTypes.endpoint(URI.create("ws://" + host + "/x"), "test")))
                .isFalse();
        assertThat(PlainTextRule.forAccount(true).permits(TransportTypes.endpoint(URI.create("ws://" + host + "/x"),
                "test"))).as("unless the account allows them").isTrue();
    }

    @Test
    void encryptedAddressesArePermittedAnywhere() {
        assertThat(LOOPBACK_ONLY.permits(TransportTypes.endpoint(URI.create("wss://example.org/x"), "test"))).isTrue();
        assertThat(LOOPBACK_ONLY.permits(TransportTypes.endpoint(URI.create("https://example.org/x"), "test")))
                .isTrue();
    }
}
