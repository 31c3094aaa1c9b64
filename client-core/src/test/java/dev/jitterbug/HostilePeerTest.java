package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.testing.BackoffAssertions;
import dev.jitterbug.testing.HostilePeer;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Servers that misbehave: each is met with a clear status and a bounded retry, never a tight loop. "Bounded" is
 * judged on the waits the client chose (each one reported in a WAITING event) and on the connections each attempt
 * made, never by counting connections in a time window.
 */
class HostilePeerTest {
    private static final RetryConfig QUICK = QuickRetry.builder().capMillis(10_000).connectTimeoutMillis(2_000).build();

    private static JitterbugClient client(HostilePeer peer, RecordingListener events) {
        JitterbugClient client = JitterbugClient.create(ClientOptions.builder(Jid.parse("alice@localhost"),
                "pw".toCharArray()).endpoint(peer.uri()).insecurePlainAuthOnLoopback(true)
                .store(new InMemoryKeyValueStore()).retryConfig(QUICK).build());
        client.addListener(events);
        client.connect();
        return client;
    }

    /** Within one attempt the client opens a fresh connection for each dead end it met, at most three in all. */
    private static void assertBackedOff(HostilePeer peer, RecordingListener events) {
        BackoffAssertions.assertBackedOff(events, QUICK, 3, peer::connections);
    }

    @Test
    void aServerThatNeverAnswersSaslTimesOutAndIsRetriedWithBackoff() throws Exception {
        RecordingListener events = new RecordingListener();
        try (HostilePeer peer = new HostilePeer((connection, frame) ->
                frame.name().equals("auth") ? List.of() : HostilePeer.politeLogin(frame));
                JitterbugClient client = client(peer, events)) {
            assertBackedOff(peer, events);
            Failure lost = events.firstFailure();
            assertThat(lost.kind()).isEqualTo(Failure.Kind.TIMEOUT);
            assertThat(lost.message()).isEqualTo("The server did not complete the login within 2 s.");
        }
    }

    @Test
    void aStreamErrorInTheMiddleOfAStanzaEndsTheStreamWithAClearErrorAndABoundedRetry() throws Exception {
        RecordingListener events = new RecordingListener();
        try (HostilePeer peer = new HostilePeer((connection, frame) -> {
            List<String> replies = new ArrayList<>(HostilePeer.politeLogin(frame));
            if (frame.name().equals("enable")) {
                replies.add("<message xmlns='jabber:client'><body>half a stan");
            }
            return replies;
        }); JitterbugClient client = client(peer, events)) {
            assertBackedOff(peer, events);
            Failure lost = events.firstFailure();
            assertThat(lost.kind()).isEqualTo(Failure.Kind.BAD_XML);
            assertThat(lost.message()).startsWith("The server sent XML that is not well-formed");
        }
    }

    @Test
    void aMessageRoutedToTheNewResourceBeforeEnabledIsDeliveredAndNotCounted() throws Exception {
        // Prosody 0.12.3 did this in the 10-minute soak: a message for the freshly bound resource went out before
        // the <enabled/> answer, and the login failed ("<message> where enabled or failed was expected").
        RecordingListener events = new RecordingListener();
        List<String> acks = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HostilePeer peer = new HostilePeer((connection, frame) -> {
            if (frame.name().equals("enable")) {
                return List.of("<message xmlns='jabber:client' from='bob@localhost/x' to='alice@localhost/x'"
                                + " type='chat' id='early-1'><body>sent before enabled</body></message>",
                        "<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='600'/>",
                        "<r xmlns='urn:xmpp:sm:3'/>");
            }
            if (frame.name().equals("a")) {
                acks.add(frame.attr("h"));
            }
            return HostilePeer.politeLogin(frame);
        }); JitterbugClient client = client(peer, events)) {
            events.awaitMessage("sent before enabled");
            events.await("the client answered the server's ack request", () -> !acks.isEmpty());
            assertThat(events.count(ConnectionState.CONNECTED)).isEqualTo(1);
            assertThat(events.count(ConnectionState.DISCONNECTED)).isZero();
            assertThat(acks).as("the early message came before counting began").containsExactly("0");
            assertThat(peer.connections()).isEqualTo(1);
        }
    }

    @Test
    void anImpossibleResumedCounterIsRefusedAndTheNextAttemptLogsInAfresh() throws Exception {
        RecordingListener events = new RecordingListener();
        try (HostilePeer peer = new HostilePeer((connection, frame) -> {
            List<String> replies = new ArrayList<>(HostilePeer.politeLogin(frame));
            if (connection == 0 && frame.name().equals("enable")) {
                replies.add("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"); // the link goes away
            }
            if (frame.name().equals("resume")) {
                return List.of("<resumed xmlns='urn:xmpp:sm:3' h='999' previd='sm-1'/>");
            }
            return replies;
        }); JitterbugClient client = client(peer, events)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> events.states().stream()
                    .filter(s -> s == ConnectionState.CONNECTED).count() >= 2);
            assertThat(events.events).anySatisfy(e -> {
                assertThat(e.state()).isEqualTo(ConnectionState.DISCONNECTED);
                assertThat(e.failure().kind()).isEqualTo(Failure.Kind.PROTOCOL_VIOLATION);
                assertThat(e.failure().message()).contains("acknowledged 999 stanzas");
            });
            assertThat(peer.connections()).as("one resume refused, then a fresh login").isEqualTo(3);
        }
    }

    @Test
    void aResumedSessionThatNeverAnswersIsNotResumedAgain() throws Exception {
        RecordingListener events = new RecordingListener();
        List<String> resumesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HostilePeer peer = new HostilePeer((connection, frame) -> {
            if (frame.name().equals("resume")) {
                resumesSeen.add("connection " + connection);
                // "Resumed" — and from then on not a word, not even an ack (Prosody did this in the soak).
                return connection == 1 ? List.of("<resumed xmlns='urn:xmpp:sm:3' h='0' previd='sm-1'/>")
                        : List.of("<failed xmlns='urn:xmpp:sm:3'/>");
            }
            if (connection == 1 && !List.of("open", "auth").contains(frame.name())) {
                return List.of();
            }
            List<String> replies = new ArrayList<>(HostilePeer.politeLogin(frame));
            if (connection == 0 && frame.name().equals("enable")) {
                replies.add("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"); // the link goes away
            }
            return replies;
        }); JitterbugClient client = JitterbugClient.create(ClientOptions.builder(Jid.parse("alice@localhost"),
                "pw".toCharArray()).endpoint(peer.uri()).insecurePlainAuthOnLoopback(true)
                .store(new InMemoryKeyValueStore())
                .retryConfig(QUICK.toBuilder().pingIntervalMillis(1_000).deadLinkTimeoutMillis(1_000).build())
                .build())) {
            client.addListener(events);
            client.connect();
            await("resumed, found silent, then logged in afresh").atMost(Duration.ofSeconds(20))
                    .until(() -> peer.connections() >= 3 && client.state() == ConnectionState.CONNECTED);
            assertThat(events.states()).contains(ConnectionState.RESUMED);
            assertThat(events.events).anySatisfy(e -> assertThat(e.failure() != null
                    && e.failure().kind() == Failure.Kind.DEAD_LINK).isTrue());
            assertThat(resumesSeen).as("the silent session was resumed once, not again").containsExactly("connection 1");
        }
    }

    @Test
    void tenThousandPresencesInABurstDoNotTakeTheClientDown() throws Exception {
        RecordingListener events = new RecordingListener();
        try (HostilePeer peer = new HostilePeer((connection, frame) -> {
            List<String> replies = new ArrayList<>(HostilePeer.politeLogin(frame));
            if (frame.name().equals("enable")) {
                for (int i = 0; i < 10_000; i++) {
                    replies.add("<presence xmlns='jabber:client' from='spam" + i + "@localhost/x'/>");
                }
            }
            return replies;
        }); JitterbugClient client = client(peer, events)) {
            events.awaitOnline();
            OutgoingMessage stillHere = client.sendMessage(Jid.parse("bob@localhost"), "still here");
            // Queued behind the flood on the event thread: it goes out once the flood is handled.
            events.awaitDelivery(stillHere, DeliveryState.SENT);
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(peer.connections()).isEqualTo(1);
        }
    }
}
