package dev.jitterbug.transport.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.Failure;
import dev.jitterbug.platform.ExecutorScheduler;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.reconnect.SplitMixRandomSource;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Prosody 0.12 does with a repeated rid it received but never answered (XEP-0124 §14.3 leaves it open): it holds
 * it like a poll, and answers it only when a newer request arrives (hold = 1) or {@code wait} runs out. A client that
 * sends nothing newer until its resend is answered stalls every outgoing stanza for {@code wait} seconds (seen in CI:
 * alice's messages stuck for 60 s after a cut). Prosody cannot be made to hold a resend on cue, so this connection
 * manager does it every time.
 */
class BoshResendHeldByServerTest {
    private static final Pattern RID = Pattern.compile("rid=[\"'](\\d+)[\"']");

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final CountDownLatch newerRequestArrived = new CountDownLatch(1);
    private final CountDownLatch testOver = new CountDownLatch(1);
    private ExecutorScheduler scheduler;

    @AfterEach
    void tearDown() {
        testOver.countDown();
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @Test
    void aStanzaGoesOutBesideAResendTheServerHolds() throws InterruptedException {
        AtomicLong firstPollRid = new AtomicLong(-1);
        AtomicInteger cuts = new AtomicInteger();
        CountDownLatch resendHeld = new CountDownLatch(1);
        CountDownLatch stanzaArrived = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                long rid = rid(body);
                MockResponse opening = sessionOrFirstPollCut(body, rid, firstPollRid, cuts);
                if (opening != null) {
                    return opening;
                }
                if (rid == firstPollRid.get()) {
                    // The repeated rid: held until something newer arrives, as Prosody does.
                    resendHeld.countDown();
                    newerRequestArrived.await(90, TimeUnit.SECONDS);
                    return answer("<body xmlns='http://jabber.org/protocol/httpbind' sid='s1'/>");
                }
                newerRequestArrived.countDown();
                if (body.contains("<message")) {
                    stanzaArrived.countDown();
                }
                testOver.await(90, TimeUnit.SECONDS);
                return answer("<body xmlns='http://jabber.org/protocol/httpbind' sid='s1'/>");
            }
        });
        scheduler = new ExecutorScheduler("bosh-held-resend-test");
        BoshTransport transport = new BoshTransport(new OkHttpClient(), server.url("/http-bind").toString(), scheduler,
                new RetryPlanner(new SplitMixRandomSource(7)), XmlLimits.DEFAULT, 60, 1, 0);
        transport.open("example.org", new IgnoringListener());

        assertThat(resendHeld.await(30, TimeUnit.SECONDS)).as("the cut poll was repeated and is held").isTrue();
        transport.send(Element.builder("message", "jabber:client").attr("to", "bob@example.org")
                .textChild("body", "hello").build());

        assertThat(stanzaArrived.await(30, TimeUnit.SECONDS))
                .as("the message went out while the resend was held, not after the server's 60 s wait").isTrue();
        assertThat(cuts).as("connections cut").hasValue(1);
        transport.abort();
    }

    @Test
    void aCutIsReportedBeforeTheNextAnswerSoTheArchiveCanFillWhatWasLost() throws InterruptedException {
        // The server may have written an answer to the dead connection that it cannot replay (Prosody answers a
        // request whose connection it has not yet seen die): the session above must hear of it before the stanzas
        // that come next, so it can hold them back while it asks the archive.
        AtomicLong firstPollRid = new AtomicLong(-1);
        AtomicInteger cuts = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                long rid = rid(body);
                MockResponse opening = sessionOrFirstPollCut(body, rid, firstPollRid, cuts);
                if (opening != null) {
                    return opening;
                }
                if (rid == firstPollRid.get()) {
                    return answer("<body xmlns='http://jabber.org/protocol/httpbind' sid='s1'><message"
                            + " xmlns='jabber:client' from='bob@example.org/b'><body>after the cut</body></message></body>");
                }
                testOver.await(90, TimeUnit.SECONDS);
                return answer("<body xmlns='http://jabber.org/protocol/httpbind' sid='s1'/>");
            }
        });
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch message = new CountDownLatch(1);
        scheduler = new ExecutorScheduler("bosh-lost-answer-test");
        BoshTransport transport = new BoshTransport(new OkHttpClient(), server.url("/http-bind").toString(), scheduler,
                new RetryPlanner(new SplitMixRandomSource(11)), XmlLimits.DEFAULT, 60, 1, 0);
        transport.open("example.org", new IgnoringListener() {
            @Override
            public void onElement(Element element) {
                heard.add(element.name());
                message.countDown();
            }

            @Override
            public void onAnswersMaybeLost() {
                heard.add("answers maybe lost");
            }
        });
        assertThat(message.await(30, TimeUnit.SECONDS)).as("the repeated poll's answer arrived").isTrue();
        assertThat(heard).containsExactly("answers maybe lost", "message");
        assertThat(cuts).as("connections cut").hasValue(1);
        transport.abort();
    }

    /**
     * The session request gets its session; the first poll's connection dies before any answer (counted in
     * {@code cuts}). Null for every other request.
     */
    private static MockResponse sessionOrFirstPollCut(String body, long rid, AtomicLong firstPollRid,
            AtomicInteger cuts) {
        if (!body.contains("sid=")) {
            return answer("<body xmlns='http://jabber.org/protocol/httpbind' sid='s1' wait='60' hold='1'"
                    + " requests='2' polling='5'/>");
        }
        if (firstPollRid.compareAndSet(-1, rid)) {
            cuts.incrementAndGet();
            return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
        }
        return null;
    }

    private static long rid(String body) {
        Matcher m = RID.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static MockResponse answer(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/xml; charset=utf-8").body(body).build();
    }

    private static class IgnoringListener implements TransportListener {
        @Override
        public void onStreamOpened(Element header) {
        }

        @Override
        public void onElement(Element element) {
        }

        @Override
        public void onAnswersMaybeLost() {
        }

        @Override
        public void onClosed(Failure failure) {
        }
    }
}
