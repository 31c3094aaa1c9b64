package dev.jitterbug.transport.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jitterbug.Failure;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlException;
import dev.jitterbug.xml.XmlLimits;

/**
 * Whatever a connection manager answers, the body is accepted as a BOSH {@code <body/>} without stray text, or refused
 * with a reason; the session terms and a termination read from it are always within bounds and worded for people.
 */
class BoshBodyFuzzTest {
    private final BoshBodyReader reader = new BoshBodyReader(new XmlLimits(64 * 1024, 32));

    @FuzzTest(maxDuration = "5s")
    void aBodyIsReadOrRefusedWithAReason(byte[] response) {
        Element body;
        try {
            body = reader.read(response);
        } catch (XmlException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(refused.condition()).isNotBlank();
            return;
        }
        assertThat(body.is("body", Namespaces.HTTPBIND)).isTrue();
        assertThat(BoshBodyReader.maxRequests(body, 1)).isBetween(1, 2);
        assertThat(BoshBodyReader.pollingMillis(body)).isGreaterThanOrEqualTo(1_000);
        Failure ending = BoshTerminations.toFailure(body);
        assertThat(ending.kind()).isNotNull();
        assertThat(ending.message()).isNotBlank();
    }
}
