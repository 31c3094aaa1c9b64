package dev.jitterbug.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.List;

/**
 * Against a simple model, any sequence of sends and acknowledgements (h backwards, beyond 2^32, more than was sent)
 * either confirms exactly the oldest stanzas in order or is refused with a sentence, leaving the state untouched.
 */
class StreamManagementFuzzTest {
    private static final long MOD = 1L << 32;

    @FuzzTest(maxDuration = "5s")
    void acknowledgementsConfirmExactlyWhatWasSentOrAreRefused(FuzzedDataProvider data) {
        StreamManagement sm = new StreamManagement();
        sm.enabled(Element.builder("enabled", Namespaces.SM).attr("id", "s1").attr("resume", "true").build());
        long sent = 0;
        long acked = 0;
        while (data.remainingBytes() > 0) {
            if (data.consumeBoolean()) {
                int count = data.consumeInt(0, 20);
                for (int i = 0; i < count; i++) {
                    sm.sent(stanza(sent++));
                }
                continue;
            }
            long h = data.consumeBoolean() ? acked + data.consumeLong(-3, 25) : data.consumeLong();
            int unackedBefore = sm.unackedCount();
            long newly = (h % MOD - acked + MOD) % MOD;
            boolean possible = h >= 0 && h < MOD && newly <= unackedBefore;
            try {
                List<Element> confirmed = sm.acknowledge(h);
                assertThat(possible).as("accepted h=%d with acked=%d and %d waiting", h, acked, unackedBefore)
                        .isTrue();
                assertThat(confirmed).hasSize((int) newly);
                for (int i = 0; i < confirmed.size(); i++) {
                    assertThat(confirmed.get(i).attr("id")).isEqualTo("m" + (acked + i));
                }
                acked = h;
            } catch (IllegalArgumentException refused) {
                assertThat(possible).as("refused h=%d with acked=%d and %d waiting", h, acked, unackedBefore)
                        .isFalse();
                assertThat(refused.getMessage()).startsWith("The server acknowledged");
                assertThat(sm.unackedCount()).isEqualTo(unackedBefore);
            }
            assertThat(sm.unackedCount()).isEqualTo(sent - acked);
        }
    }

    private static Element stanza(long n) {
        return Element.builder("message", Namespaces.CLIENT).attr("id", "m" + n).build();
    }
}
