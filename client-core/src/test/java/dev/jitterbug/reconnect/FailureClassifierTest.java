package dev.jitterbug.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jitterbug.Failure;
import dev.jitterbug.FailureCategory;
import dev.jitterbug.Failure.Kind;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void localBlipsRetryQuickly() {
        assertCategory(Failure.of(Kind.NETWORK_CHANGED, "wifi changed"), FailureCategory.LOCAL_BLIP);
        assertCategory(Failure.of(Kind.DEAD_LINK, "ping timeout"), FailureCategory.LOCAL_BLIP);
    }

    @Test
    void serverSideFailuresAreSpreadAndBackedOff() {
        assertCategory(Failure.of(Kind.CONNECTION_REFUSED, "refused"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.of(Kind.CONNECTION_LOST, "reset"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.of(Kind.TIMEOUT, "slow"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.of(Kind.UNKNOWN_HOST, "dns"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.of(Kind.STREAM_CLOSED, "bye"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.http(503, 30_000, "unavailable"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.http(500, -1, "oops"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.http(429, 10_000, "slow down"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.http(404, -1, "not found"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.streamError("system-shutdown", null, "restart"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.streamError("internal-server-error", null, "bug"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.streamError("reset", null, "new features"), FailureCategory.SERVER_SIDE);
        assertCategory(Failure.of(Kind.NOT_AUTHORIZED, "try later").withCondition("temporary-auth-failure"),
                FailureCategory.SERVER_SIDE);
    }

    @Test
    void seeOtherHostIsFollowedOnlyWhenItSaysWhere() {
        FailureClassification redirect = FailureClassifier.classify(
                Failure.streamError("see-other-host", "node2.example.org:5222", "moved"));
        assertThat(redirect.category()).isEqualTo(FailureCategory.REDIRECT);
        assertThat(redirect.reason()).contains("node2.example.org:5222");

        assertCategory(Failure.streamError("see-other-host", null, "moved"), FailureCategory.SERVER_SIDE);
    }

    @Test
    void failuresARetryCannotFixStopWithAReason() {
        FailureClassification conflict = FailureClassifier.classify(Failure.streamError("conflict", null, "replaced"));
        assertThat(conflict.category()).isEqualTo(FailureCategory.FATAL);
        assertThat(conflict.reason()).contains("another client");

        assertCategory(Failure.of(Kind.NOT_AUTHORIZED, "wrong password"), FailureCategory.FATAL);
        assertCategory(Failure.of(Kind.NOT_AUTHORIZED, "disabled").withCondition("account-disabled"), FailureCategory.FATAL);
        assertCategory(Failure.streamError("not-authorized", null, "no"), FailureCategory.FATAL);
        assertCategory(Failure.streamError("policy-violation", null, "too many"), FailureCategory.FATAL);
        assertCategory(Failure.streamError("host-unknown", null, "no such domain"), FailureCategory.FATAL);
        assertCategory(Failure.of(Kind.NO_COMMON_MECHANISM, "only DIGEST-MD5"), FailureCategory.FATAL);
        assertCategory(Failure.of(Kind.TLS, "bad certificate"), FailureCategory.FATAL);
        assertCategory(Failure.http(401, -1, "unauthorized"), FailureCategory.FATAL);
        assertCategory(Failure.of(Kind.LOCAL_CLOSE, "signed out"), FailureCategory.FATAL);
    }

    @Test
    void everyKindHasAClassificationWithAReason() {
        for (Kind kind : Kind.values()) {
            FailureClassification classification = FailureClassifier.classify(Failure.of(kind, "x"));
            assertThat(classification.reason()).as(kind.name()).isNotEmpty();
        }
    }

    @Test
    void aMissingFailureIsAClearError() {
        assertThatThrownBy(() -> FailureClassifier.classify(null)).hasMessageContaining("missing failure");
    }

    private static void assertCategory(Failure failure, FailureCategory expected) {
        assertThat(FailureClassifier.classify(failure).category()).as(failure.toString()).isEqualTo(expected);
    }
}
