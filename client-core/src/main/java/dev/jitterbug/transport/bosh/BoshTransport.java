package dev.jitterbug.transport.bosh;

import dev.jitterbug.Failure;
import dev.jitterbug.platform.Scheduler;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.transport.HttpProxies;
import dev.jitterbug.transport.IoFailures;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.transport.WireLog;
import dev.jitterbug.xml.Element;
import dev.jitterbug.xml.XmlException;
import dev.jitterbug.xml.XmlLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * XMPP over BOSH (XEP-0124 + XEP-0206) on OkHttp.
 *
 * <ul>
 *   <li>rids increase by one per request; a request whose HTTP exchange fails is sent again <b>with the same rid</b>
 *       (the connection manager answers it from its buffer), so nothing is lost or duplicated;</li>
 *   <li>at most {@code requests} requests are outstanding; when nothing is outstanding an empty request is left
 *       with the server so it can push (it holds it up to {@code wait} seconds);</li>
 *   <li>responses are handed up strictly in rid order, even when two arrive out of order;</li>
 *   <li>a server that keeps answering empty requests at once is polled no faster than its {@code polling}
 *       interval, so a broken connection manager cannot put us in a tight loop.</li>
 * </ul>
 */
public final class BoshTransport implements Transport {
    private static final MediaType XML = MediaType.get("text/xml; charset=utf-8");
    private static final int MAX_RESENDS = 3;
    private static final long FAST_EMPTY_MILLIS = 1_000;
    /**
     * An empty poll waits this long after the last answer, so that the session's reply to it (an authentication
     * step, usually a few milliseconds behind) takes the free request instead. Two requests sent at the same moment
     * travel on two connections and may reach the server out of rid order; ejabberd 23.01 then queues the later one
     * and, once the earlier empty one arrives, holds both until {@code wait} runs out (a login stalled for 60 s).
     */
    private static final long EMPTY_POLL_GRACE_MILLIS = 100;

    private final OkHttpClient client;
    private final String uri;
    /** "the proxy at host:port" the requests go through, or null: failures name it. */
    private final String proxy;
    private final Scheduler scheduler;
    private final BoshBodyReader bodies;
    private final XmlLimits limits;
    private final int wait;
    private final int hold;
    private final long initialPollDelayMillis;
    private final TrafficCounter traffic = new TrafficCounter();

    private final Object lock = new Object();
    private final List<Element> queue = new ArrayList<>();
    private final TreeMap<Long, Element> arrived = new TreeMap<>();
    private final List<Call> calls = new ArrayList<>();
    private TransportListener listener;
    private String domain;
    private String sid;
    private long nextRid;
    private long nextToDeliver;
    private int outstanding;
    private int maxRequests = 1;
    private long pollingMillis = 5_000;
    private long lastEmptySentAt;
    private boolean emptyPollScheduled;
    private boolean pendingRestart;
    private boolean awaitingRestart;
    private boolean terminating;
    private boolean finished;
    private final BoshResends resends;

    public BoshTransport(OkHttpClient client, String uri, Scheduler scheduler, RetryPlanner planner, XmlLimits limits,
            int waitSeconds, int hold, long initialPollDelayMillis) {
        // No silent retry by OkHttp: a repeated rid sent at once can reach Prosody before it has seen the old
        // connection die; it then answers the dead one, and what that carried is lost. We repeat after a wait.
        this.client = client.newBuilder().readTimeout(waitSeconds + 15L, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false).build();
        this.uri = uri;
        this.proxy = HttpProxies.describe(this.client, uri);
        this.scheduler = scheduler;
        this.resends = new BoshResends(planner);
        this.bodies = new BoshBodyReader(limits);
        this.limits = limits;
        this.wait = waitSeconds;
        this.hold = hold;
        this.initialPollDelayMillis = initialPollDelayMillis;
    }

    @Override
    public void open(String toDomain, TransportListener transportListener) {
        synchronized (lock) {
            this.domain = toDomain;
            this.listener = transportListener;
            // A random start keeps rids unguessable; leave headroom so rid + requests stays below 2^53 (XEP-0124 §14).
            nextRid = 1_000_000L + ThreadLocalRandom.current().nextLong(1L << 40);
            nextToDeliver = nextRid;
            Element body = bodyBuilder()
                    .attr("to", domain).attr("xml:lang", "en").attr("ver", "1.6")
                    .attr("wait", Integer.toString(wait)).attr("hold", Integer.toString(hold))
                    .attr("content", "text/xml; charset=utf-8")
                    .attr("{" + Namespaces.XBOSH + "}version", "1.0")
                    .build();
            post(nextRid++, body, 0);
        }
    }

    @Override
    public void send(Element element) {
        synchronized (lock) {
            if (finished || terminating) {
                return;
            }
            queue.add(element);
            pump();
        }
    }

    @Override
    public void restart() {
        synchronized (lock) {
            pendingRestart = true;
            pump();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (finished || sid == null) {
                finishLocked(Failure.of(Failure.Kind.LOCAL_CLOSE, "Signed out."));
                return;
            }
            terminating = true;
            Element.Builder body = bodyBuilder().attr("sid", sid).attr("type", "terminate");
            queue.forEach(body::child);
            queue.clear();
            post(nextRid++, body.build(), 0);
        }
    }

    @Override
    public void abort() {
        synchronized (lock) {
            finishLocked(Failure.of(Failure.Kind.LOCAL_CLOSE, "The connection attempt was abandoned."));
        }
    }

    @Override
    public TransportKind kind() {
        return TransportKind.BOSH;
    }

    @Override
    public String endpoint() {
        return uri;
    }

    @Override
    public TrafficCounter traffic() {
        return traffic;
    }

    private Element.Builder bodyBuilder() {
        return Element.builder("body", Namespaces.HTTPBIND);
    }

    /** Sends what is queued (or a restart, or an empty poll) if a request slot is free. Holds the lock. */
    private void pump() {
        if (finished || sid == null || terminating || !resends.allows(nextRid, maxRequests)) {
            return;
        }
        boolean hasData = !queue.isEmpty() || pendingRestart;
        if (hasData && outstanding < maxRequests) {
            Element.Builder body = bodyBuilder().attr("sid", sid);
            if (pendingRestart) {
                body.attr("to", domain).attr("xml:lang", "en").attr("{" + Namespaces.XBOSH + "}restart", "true");
                pendingRestart = false;
                awaitingRestart = true;
            }
            queue.forEach(body::child);
            queue.clear();
            post(nextRid++, body.build(), 0);
        } else if (!hasData && outstanding == 0 && !emptyPollScheduled) {
            long sinceLastEmpty = scheduler.monotonicMillis() - lastEmptySentAt;
            long delay = sinceLastEmpty < FAST_EMPTY_MILLIS ? pollingMillis : EMPTY_POLL_GRACE_MILLIS;
            if (delay == 0) {
                sendEmpty();
            } else {
                emptyPollScheduled = true;
                scheduler.schedule(() -> {
                    synchronized (lock) {
                        emptyPollScheduled = false;
                        if (outstanding == 0 && queue.isEmpty() && !pendingRestart && !finished) {
                            sendEmpty();
                        } else {
                            pump();
                        }
                    }
                }, delay);
            }
        }
    }

    private void sendEmpty() {
        lastEmptySentAt = scheduler.monotonicMillis();
        post(nextRid++, bodyBuilder().attr("sid", sid).build(), 0);
    }

    private void post(long rid, Element body, int attempt) {
        Element withRid = body.toBuilder().attr("rid", Long.toString(rid)).build();
        WireLog.sent(uri, withRid);
        byte[] bytes = withRid.toXml().getBytes(StandardCharsets.UTF_8);
        traffic.sent(bytes.length, withRid.children().size());
        outstanding++;
        Call call = client.newCall(new Request.Builder().url(uri).post(RequestBody.create(bytes, XML)).build());
        calls.add(call);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                synchronized (lock) {
                    calls.remove(c);
                    outstanding--;
                    retryOrFail(rid, body, attempt, IoFailures.toFailure(e, uri, proxy));
                }
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    handleResponse(c, rid, body, attempt, response);
                }
            }
        });
    }

    private void handleResponse(Call call, long rid, Element body, int attempt, Response response) {
        byte[] bytes;
        Failure readFailure = null;
        try {
            bytes = response.isSuccessful() ? BoshBodyReader.readLimited(response.body(), limits.maxBytes()) : new byte[0];
        } catch (IOException e) {
            bytes = null;
            readFailure = IoFailures.toFailure(e, uri, proxy);
        }
        synchronized (lock) {
            calls.remove(call);
            outstanding--;
            if (finished) {
                return;
            }
            if (readFailure != null) {
                retryOrFail(rid, body, attempt, readFailure);
                return;
            }
            if (!response.isSuccessful()) {
                int code = response.code();
                if (code == 404 || code == 403 || code == 400) {
                    // XEP-0124 legacy errors: the session is gone or the request was refused. Not worth resending.
                    finishLocked(Failure.of(Failure.Kind.CONNECTION_LOST, "The server no longer accepts this session"
                            + (proxy == null ? "" : ", or " + proxy + " refused the request") + " (HTTP " + code
                            + ")."));
                } else {
                    retryOrFail(rid, body, attempt, IoFailures.httpStatus(code, response.header("Retry-After"), uri,
                            proxy));
                }
                return;
            }
            if (bytes == null) {
                finishLocked(Failure.of(Failure.Kind.BAD_XML, "The BOSH server sent more than "
                        + limits.maxBytes() / 1024 + " KB in one response; Jitterbug refuses it.")
                        .withCondition("policy-violation"));
                return;
            }
            traffic.received(bytes.length, 0);
            Element answer;
            try {
                answer = bodies.read(bytes);
            } catch (XmlException e) {
                finishLocked(Failure.of(Failure.Kind.BAD_XML, e.getMessage()).withCondition(e.condition()));
                return;
            }
            resends.answered(rid);
            WireLog.received(uri, answer);
            if (rid < nextRid - 1 && BoshBodyReader.isForgottenRidRefusal(answer)) {
                // A resent rid that Prosody (mod_bosh 0.12) got but never answered, once a newer one went through,
                // gets item-not-found, yet the session lives on and what it owed waits for the next request: so this
                // means "nothing here"; if the session were really gone, the newer request's answer says so.
                answer = bodyBuilder().build();
            }
            arrived.put(rid, answer);
            deliverInOrder();
            pump();
        }
    }

    /** XEP-0124 §14.3: a failed exchange is repeated with the same rid; the server answers from its buffer. */
    private void retryOrFail(long rid, Element body, int attempt, Failure failure) {
        if (finished) {
            return;
        }
        boolean retryable = failure.kind() != Failure.Kind.TLS && failure.kind() != Failure.Kind.UNKNOWN_HOST
                && failure.kind() != Failure.Kind.PROXY_AUTHENTICATION
                && (failure.kind() != Failure.Kind.HTTP_ERROR || failure.httpStatus() >= 500);
        if (!retryable || attempt >= MAX_RESENDS || (sid == null && failure.kind() != Failure.Kind.CONNECTION_LOST
                && failure.kind() != Failure.Kind.TIMEOUT)) {
            finishLocked(failure);
            return;
        }
        outstanding++; // the slot stays taken while we wait to resend
        long delay = resends.scheduled(rid, failure.retryAfterMillis(), sid != null);
        scheduler.schedule(() -> {
            synchronized (lock) {
                outstanding--;
                resends.posted();
                if (!finished) {
                    post(rid, body, attempt + 1);
                    pump();
                }
            }
        }, delay);
    }

    private void deliverInOrder() {
        while (!finished && arrived.containsKey(nextToDeliver)) {
            Element answer = arrived.remove(nextToDeliver);
            nextToDeliver++;
            if (sid == null) {
                sid = answer.attr("sid");
                if (sid == null) {
                    finishLocked(BoshTerminations.toFailure(answer));
                    return;
                }
                maxRequests = BoshBodyReader.maxRequests(answer, hold);
                pollingMillis = BoshBodyReader.pollingMillis(answer);
                lastEmptySentAt = scheduler.monotonicMillis() - FAST_EMPTY_MILLIS + initialPollDelayMillis;
                listener.onStreamOpened(answer);
            }
            if (resends.takeAnswersMaybeLost()) {
                listener.onAnswersMaybeLost();
            }
            for (Element child : answer.children()) {
                if (awaitingRestart && child.is("features", Namespaces.STREAMS)) {
                    // The features after a restart may come in any response (a held poll, say): the session above
                    // sees a re-opened stream first, as it would over WebSocket.
                    awaitingRestart = false;
                    listener.onStreamOpened(answer);
                }
                if (!child.is("error", Namespaces.STREAMS)) {
                    listener.onElement(child);
                }
            }
            if ("terminate".equals(answer.attr("type"))) {
                finishLocked(terminating ? Failure.of(Failure.Kind.LOCAL_CLOSE, "Signed out.")
                        : BoshTerminations.toFailure(answer));
                return;
            }
            if (!answer.children().isEmpty()) {
                lastEmptySentAt = 0; // real traffic: the next empty poll may go at once
            }
        }
    }

    private void finishLocked(Failure failure) {
        if (finished) {
            return;
        }
        finished = true;
        for (Call call : new ArrayList<>(calls)) {
            call.cancel();
        }
        calls.clear();
        TransportListener target = listener;
        if (target != null) {
            target.onClosed(failure);
        }
    }
}
