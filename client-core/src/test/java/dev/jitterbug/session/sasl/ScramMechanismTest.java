package dev.jitterbug.session.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SCRAM-SHA-256 against the RFC 7677 example, and the kept keys that spare a re-login its PBKDF2. */
class ScramMechanismTest {
    private static final String NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private final MapCache cache = new MapCache();

    @Test
    void theRfc7677ExampleComputesTheProofAndChecksTheServer() throws Exception {
        ScramMechanism scram = mechanism("pencil");

        assertThat(text(scram.initialResponse())).isEqualTo("n,,n=user,r=" + NONCE);
        assertThat(text(scram.evaluateChallenge(bytes(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        scram.verifySuccess(bytes(SERVER_FINAL));
        assertThat(scram.usedCachedKeys()).isFalse();
    }

    @Test
    void keysProvenByTheServerAreKeptAndTheNextLoginUsesThemWithoutThePassword() throws Exception {
        login(mechanism("pencil"));
        assertThat(cache.stored).containsKey("SCRAM-SHA-256");

        // The same proof from the kept keys: the password is not even read (a wrong one proves it).
        ScramMechanism again = mechanism("not the password");
        again.initialResponse();
        assertThat(text(again.evaluateChallenge(bytes(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        again.verifySuccess(bytes(SERVER_FINAL));
        assertThat(again.usedCachedKeys()).isTrue();
    }

    @Test
    void anotherSaltOrIterationCountDerivesAgain() throws Exception {
        login(mechanism("pencil"));
        ScramMechanism other = mechanism("pencil");
        other.initialResponse();
        other.evaluateChallenge(bytes(SERVER_FIRST.replace("i=4096", "i=8192")));

        assertThat(other.usedCachedKeys()).isFalse();
    }

    @Test
    void keysAreNotKeptWhenTheServerSignatureIsWrong() throws Exception {
        ScramMechanism scram = mechanism("pencil");
        scram.initialResponse();
        scram.evaluateChallenge(bytes(SERVER_FIRST));

        assertThatThrownBy(() -> scram.verifySuccess(bytes("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")))
                .isInstanceOf(SaslException.class).hasMessageContaining("signature is wrong");
        assertThat(cache.stored).isEmpty();
    }

    @Test
    void aRefusedLoginWithKeptKeysForgetsThem() throws Exception {
        login(mechanism("pencil"));
        ScramMechanism stale = mechanism("pencil");
        stale.initialResponse();
        stale.evaluateChallenge(bytes(SERVER_FIRST));

        stale.loginRefused();

        assertThat(cache.stored).doesNotContainKey("SCRAM-SHA-256");
    }

    @Test
    void keptKeysSurviveTheirTextFormButNeverShowInToString() {
        ScramKeys keys = new ScramKeys("SCRAM-SHA-256", "W22ZaJ0SNY7soEsUEjb6gQ==", 4096, new byte[] {1, 2, 3},
                new byte[] {4, 5});
        ScramKeys decoded = ScramKeys.decode(keys.encode());

        assertThat(decoded.matches("SCRAM-SHA-256", "W22ZaJ0SNY7soEsUEjb6gQ==", 4096)).isTrue();
        assertThat(decoded.clientKey()).containsExactly(1, 2, 3);
        assertThat(decoded.serverKey()).containsExactly(4, 5);
        assertThat(keys.toString()).doesNotContain("AQID").doesNotContain("BAU");
        assertThat(ScramKeys.decode("garbage".toCharArray())).isNull();
    }

    private ScramMechanism mechanism(String password) {
        return new ScramMechanism(ScramMechanism.Variant.SHA_256, "user", password.toCharArray(), NONCE, cache);
    }

    private static void login(ScramMechanism scram) throws SaslException {
        scram.initialResponse();
        scram.evaluateChallenge(bytes(SERVER_FIRST));
        scram.verifySuccess(bytes(SERVER_FINAL));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static final class MapCache implements ScramKeyCache {
        final Map<String, ScramKeys> stored = new HashMap<>();

        @Override
        public ScramKeys find(String mechanism) {
            return stored.get(mechanism);
        }

        @Override
        public void remember(ScramKeys keys) {
            stored.put(keys.mechanism(), keys);
        }

        @Override
        public void forget(String mechanism) {
            stored.remove(mechanism);
        }
    }
}
