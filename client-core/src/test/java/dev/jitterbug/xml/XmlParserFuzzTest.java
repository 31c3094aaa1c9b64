package dev.jitterbug.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Whatever bytes a peer sends, the parser returns an element or refuses with a stream-error condition and a sentence
 * for people: no other exception, no hang, no unbounded memory. What it accepts survives a write/parse round trip.
 */
class XmlParserFuzzTest {
    private static final List<String> CONDITIONS =
            Arrays.asList("not-well-formed", "restricted-xml", "policy-violation", "unsupported-encoding");

    private final XmlParser parser = new XmlParser(new XmlLimits(64 * 1024, 32));

    @FuzzTest(maxDuration = "5s")
    void parsesOrRefusesWithAReason(byte[] input) {
        Element element;
        try {
            element = parser.parse(input);
        } catch (XmlException refused) {
            assertThat(CONDITIONS).contains(refused.condition());
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        try {
            assertThat(parser.parse(element.toXml())).isEqualTo(element);
        } catch (XmlException e) {
            throw new AssertionError("what the parser accepted, written back, was refused: " + e.getMessage()
                    + "\nwritten: " + element.toXml(), e);
        }
    }
}
