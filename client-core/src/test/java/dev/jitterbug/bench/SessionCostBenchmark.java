package dev.jitterbug.bench;

import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.platform.KeyValueStore;
import dev.jitterbug.SessionCost;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.TransportKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one session acquisition costs with 50 ms of added round-trip time (the proxy delays each direction by 25 ms):
 * wall time, round trips (after the transport is up), and bytes and stanzas on the wire, for a classic login, a SASL2 +
 * Bind2 login, the same pipelined (features cached from the last login), an XEP-0198 resume, and a new login after
 * a drop with resumption off, over WebSocket and BOSH. Medians of {@code -Dbench.cost.repetitions} (default 5) runs;
 * {@code -Dbench.cost.delay.millis} (default 25) sets the delay per direction.
 */
final class SessionCostBenchmark {
    private static final long TIMEOUT_MILLIS = 15_000;
    private static final long SETTLE_MILLIS = 500; // the answers to presence and carbons arrive, then we count
    /** Retry soon after the drop (the wait before the attempt is not measured: wall time starts at CONNECTING). */
    private static final RetryConfig IMMEDIATE = RetryConfig.defaults().toBuilder().blipRetryWindowMillis(300)
            .serverFailureSpreadMillis(300).build();

    private SessionCostBenchmark() {
    }

    /** One measured acquisition. */
    private static final class Sample {
        double wallMillis;
        int roundTrips;
        long appBytes;
        long stanzas;
        long wireBytes;
        String login;
    }

    static void main(String[] args) throws Exception {
        int repetitions = BenchOutput.intProperty("bench.cost.repetitions", 5);
        int delay = BenchOutput.intProperty("bench.cost.delay.millis", 25);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Session cost with %d ms added round-trip time"
                + " (proxy delay %d ms each way), one Prosody 0.12 on loopback, SCRAM-SHA-256; median of %d runs. Wall"
                + " time from the attempt's start (CONNECTING) to the CONNECTED/RESUMED event, transport handshake included."
                + " Round trips as the client counts them (from the stream open). Bytes/stanzas: what the client's"
                + " transport sent and received until %d ms after the session was up (presence, carbons and their"
                + " answers included); wire bytes: everything through the proxy (HTTP headers, WebSocket framing).%n%n",
                2 * delay, delay, repetitions, SETTLE_MILLIS));
        md.append("| transport | acquisition | what happened | wall time | round trips | bytes (client) |"
                + " stanzas (elements) | wire bytes |\n|---|---|---|---:|---:|---:|---:|---:|\n");
        StringBuilder csv = new StringBuilder("transport,acquisition,what_happened,wall_ms,round_trips,bytes,elements,"
                + "wire_bytes\n");
        try (ProsodyServer server = ProsodyServer.create()) {
            server.account("alice", "alice-secret").start();
            for (TransportKind kind : TransportKind.values()) {
                URI direct = kind == TransportKind.WEBSOCKET ? server.webSocketUri() : server.boshUri();
                try (LoopbackProxy proxy = new LoopbackProxy(server.httpPort())) {
                    proxy.delayMillis(delay);
                    proxy.delayLikeCable(true);
                    URI endpoint = proxy.via(direct);
                    List<List<Sample>> samples = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        samples.add(new ArrayList<>());
                    }
                    for (int rep = 0; rep < repetitions; rep++) {
                        runOnce(server, endpoint, proxy, samples);
                    }
                    String[] names = {"classic SASL + bind", "SASL2 + Bind2", "SASL2 + Bind2, pipelined",
                        "XEP-0198 resume", "new login after a drop (resume off)"};
                    for (int i = 0; i < names.length; i++) {
                        Sample m = median(samples.get(i));
                        if (m == null) {
                            md.append(String.format(Locale.ROOT, "| %s | %s | failed (see below) |"
                                    + " | | | | |%n", kind.name().toLowerCase(Locale.ROOT), names[i]));
                            csv.append(String.format(Locale.ROOT, "%s,\"%s\",failed,,,,,%n",
                                    kind.name().toLowerCase(Locale.ROOT), names[i]));
                            continue;
                        }
                        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f ms | %d | %,d | %d | %,d |%n",
                                kind.name().toLowerCase(Locale.ROOT), names[i], m.login, m.wallMillis, m.roundTrips,
                                m.appBytes, m.stanzas, m.wireBytes));
                        csv.append(String.format(Locale.ROOT, "%s,\"%s\",%s,%.1f,%d,%d,%d,%d%n",
                                kind.name().toLowerCase(Locale.ROOT), names[i], m.login, m.wallMillis, m.roundTrips,
                                m.appBytes, m.stanzas, m.wireBytes));
                    }
                }
            }
        }
        for (String failure : failures) {
            md.append(String.format(Locale.ROOT, "%nFailed: %s%n", failure));
        }
        md.append(String.format(Locale.ROOT, "%nGoal: a resume over WebSocket at 50 ms RTT within 2 round trips"
                + " (<= 150 ms).%nMachine: %s.%n", BenchOutput.machine()));
        Path dir = BenchOutput.directory();
        BenchOutput.write(dir.resolve("session-cost.csv"), csv.toString());
        BenchOutput.write(dir.resolve("session-cost.md"), md.toString());
        System.out.print(md);
    }

    /** Acquisitions that did not happen, with what the client went through. */
    private static final List<String> failures = new ArrayList<>();
    private static final java.util.Set<URI> resumeFailedOn = new java.util.HashSet<>();

    private static void runOnce(ProsodyServer server, URI endpoint, LoopbackProxy proxy, List<List<Sample>> samples)
            throws InterruptedException {
        RetryConfig classic = IMMEDIATE.toBuilder().preferSasl2(false).build();
        samples.get(0).add(login(server, endpoint, proxy, classic, new InMemoryKeyValueStore()));
        KeyValueStore remembered = new InMemoryKeyValueStore();
        samples.get(1).add(login(server, endpoint, proxy, IMMEDIATE, remembered));
        EventWaiter events = new EventWaiter();
        JitterbugClient pipelined = client(server, endpoint, IMMEDIATE, remembered, events);
        try {
            samples.get(2).add(acquire(pipelined, events, proxy, ConnectionState.CONNECTED, pipelined::connect));
            if (!resumeFailedOn.contains(endpoint)) {
                samples.get(3).add(acquire(pipelined, events, proxy, ConnectionState.RESUMED,
                        dropLink(proxy, events)));
            }
        } catch (IllegalStateException e) {
            // Once is enough to know: the client waits out its login timeout each time.
            resumeFailedOn.add(endpoint);
            failures.add("resume over " + endpoint + ": " + e.getMessage());
        } finally {
            pipelined.close();
        }
        EventWaiter noResumeEvents = new EventWaiter();
        JitterbugClient noResume = client(server, endpoint, IMMEDIATE.toBuilder().resumptionEnabled(false).build(),
                remembered, noResumeEvents);
        try {
            acquire(noResume, noResumeEvents, proxy, ConnectionState.CONNECTED, noResume::connect);
            samples.get(4).add(acquire(noResume, noResumeEvents, proxy, ConnectionState.CONNECTED,
                    dropLink(proxy, noResumeEvents)));
        } finally {
            noResume.close();
        }
    }

    /**
     * A link drop at the proxy that ends the session on both transports (BOSH survives a bare reset by repeating its
     * request): refuse, reset, and accept again as soon as the client has noticed.
     */
    private static Runnable dropLink(LoopbackProxy proxy, EventWaiter events) {
        return () -> {
            proxy.refuse(true);
            proxy.cutAll();
            try {
                events.await(ConnectionState.DISCONNECTED, TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                proxy.refuse(false);
            }
        };
    }

    private static Sample login(ProsodyServer server, URI endpoint, LoopbackProxy proxy, RetryConfig config,
            KeyValueStore store) throws InterruptedException {
        EventWaiter events = new EventWaiter();
        JitterbugClient client = client(server, endpoint, config, store, events);
        try {
            return acquire(client, events, proxy, ConnectionState.CONNECTED, client::connect);
        } finally {
            client.close();
            Thread.sleep(100); // the sign-out reaches the server before the next login of the same account
        }
    }

    private static JitterbugClient client(ProsodyServer server, URI endpoint, RetryConfig config, KeyValueStore store,
            EventWaiter events) {
        JitterbugClient client = JitterbugClient.create(ClientOptions.builder(Jid.parse(server.jid("alice")),
                "alice-secret".toCharArray()).endpoint(endpoint).retryConfig(config).store(store).build());
        client.addListener(events);
        return client;
    }

    /** Runs {@code trigger} and measures until the client is {@code online} (CONNECTED or RESUMED). */
    private static Sample acquire(JitterbugClient client, EventWaiter events, LoopbackProxy proxy,
            ConnectionState online, Runnable trigger) throws InterruptedException {
        events.clear();
        long wireBefore = proxy.bytesUp() + proxy.bytesDown();
        trigger.run();
        long start = events.await(ConnectionState.CONNECTING, TIMEOUT_MILLIS);
        long upAt = events.await(online, TIMEOUT_MILLIS);
        Thread.sleep(SETTLE_MILLIS);
        SessionCost session = client.lastSessionCost();
        Sample sample = new Sample();
        sample.wallMillis = (upAt - start) / 1e6;
        sample.roundTrips = session.roundTrips();
        sample.login = session.resumed() ? "resume" : (session.sasl2() ? "SASL2 " : "SASL ") + session.mechanism();
        sample.appBytes = session.bytesSent() + session.bytesReceived();
        sample.stanzas = session.elementsSent() + session.elementsReceived();
        sample.wireBytes = proxy.bytesUp() + proxy.bytesDown() - wireBefore;
        return sample;
    }

    /** Each column's median on its own; null if there are no samples. */
    private static Sample median(List<Sample> samples) {
        Sample m = new Sample();
        int n = samples.size();
        if (n == 0) {
            return null;
        }
        double[] wall = new double[n];
        long[] trips = new long[n];
        long[] bytes = new long[n];
        long[] stanzas = new long[n];
        long[] wire = new long[n];
        for (int i = 0; i < n; i++) {
            wall[i] = samples.get(i).wallMillis;
            trips[i] = samples.get(i).roundTrips;
            bytes[i] = samples.get(i).appBytes;
            stanzas[i] = samples.get(i).stanzas;
            wire[i] = samples.get(i).wireBytes;
        }
        Arrays.sort(wall);
        m.wallMillis = wall[n / 2];
        m.roundTrips = (int) middle(trips);
        m.appBytes = middle(bytes);
        m.stanzas = middle(stanzas);
        m.wireBytes = middle(wire);
        java.util.Set<String> logins = new java.util.TreeSet<>();
        for (Sample sample : samples) {
            logins.add(sample.login);
        }
        m.login = String.join(" / ", logins);
        return m;
    }

    private static long middle(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
