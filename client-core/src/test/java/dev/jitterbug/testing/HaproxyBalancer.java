package dev.jitterbug.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HeldCertificate;

/**
 * A real HAProxy 2 in front of XMPP nodes on loopback, as operators run it: TLS terminated here (a certificate for
 * {@code localhost} and 127.0.0.1 signed by {@link TestCertificates#AUTHORITY}, which a client trusts only when told
 * to), WebSocket upgrades and BOSH routed to the nodes, HTTP health checks that take a dead node out within about a
 * second ({@code inter 250ms, fall 3}; a slow node gets 5 s per check, and its sessions are never cut by a check),
 * and a failed connect retried on another node. Options:
 * a rate limit on new sessions answered with 503 and {@code Retry-After} (load shedding), and stickiness on a URL
 * parameter the client sends (for nodes that cannot move sessions). Every request is logged with its node, status
 * and whether it opened a session ({@link #requestLog()}); the stats page tells which nodes are up.
 */
public final class HaproxyBalancer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final int tlsPort = ServerProcesses.freePort();
    private final int statsPort = ServerProcesses.freePort();
    private final Builder settings;
    private Process process;

    /** What the balancer does; {@link #start()} writes the config and runs HAProxy. */
    public static final class Builder {
        private final Map<String, Integer> nodes = new LinkedHashMap<>();
        private String balance = "leastconn";
        private String stickyParameter;
        private int newSessionsPerSecond;
        private int retryAfterSeconds = 5;

        /** A node by name (as logs and stats show it) and its WebSocket/BOSH port on 127.0.0.1. */
        public Builder node(String name, int httpPort) {
            nodes.put(name, httpPort);
            return this;
        }

        /** Round robin instead of least connections: a new connection goes to the other node each time. */
        public Builder roundRobin() {
            balance = "roundrobin";
            return this;
        }

        /** Requests carrying this URL parameter go to the node that served its value before. */
        public Builder stickOnUrlParameter(String name) {
            stickyParameter = name;
            return this;
        }

        /**
         * Load shedding: at most this many new sessions per second reach the nodes (all tests come from 127.0.0.1,
         * so this is the balancer's whole rate); beyond it, 503 with {@code Retry-After}, which costs the nodes
         * nothing. Only admitted sessions count, so clients that come back later are not kept out by the refusals.
         */
        public Builder shedNewSessionsBeyond(int perSecond, int retryAfterSeconds) {
            this.newSessionsPerSecond = perSecond;
            this.retryAfterSeconds = retryAfterSeconds;
            return this;
        }

        public HaproxyBalancer start() {
            HaproxyBalancer balancer = new HaproxyBalancer(this);
            try {
                return balancer.run();
            } catch (RuntimeException e) {
                balancer.close();
                throw e;
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private HaproxyBalancer(Builder settings) {
        this.settings = settings;
        try {
            this.dir = Files.createTempDirectory(OpenFixtures.folder(), "jitterbug-haproxy-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpenFixtures.opened(this);
    }

    private HaproxyBalancer run() {
        Path command = ServerProcesses.provisioned("haproxy");
        if (!Files.isExecutable(command)) {
            throw new IllegalStateException("No HAProxy found: './mvnw verify' fetches a private copy by itself "
                    + "(client-core/src/test/sh/provision-servers.sh); on a machine without apt, install HAProxy 2.");
        }
        try {
            HeldCertificate certificate = TestCertificates.signed(-TestCertificates.DAY, TestCertificates.DAY,
                    "localhost", "127.0.0.1");
            Files.writeString(dir.resolve("server.pem"), certificate.certificatePem()
                    + certificate.privateKeyPkcs8Pem(), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("haproxy.cfg"), config(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command.toString(), "-db", "-f",
                    dir.resolve("haproxy.cfg").toString()).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile()));
            builder.environment().put(OpenFixtures.MARKER, dir.getParent().toAbsolutePath().normalize().toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ServerProcesses.listening(tlsPort) || !ServerProcesses.listening(statsPort)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("HAProxy did not start:\n" + logTail());
            }
            ServerProcesses.sleep(20);
        }
        // Until its health checks pass, HAProxy may keep a node out: a test would see everyone on the other one.
        for (String node : settings.nodes.keySet()) {
            awaitUp(node, true, Duration.ofSeconds(20));
        }
        return this;
    }

    private String config() {
        List<String> lines = new ArrayList<>(List.of(
                "global",
                "  log stdout format raw local0",
                "defaults",
                "  mode http",
                "  log global",
                "  option logasap",
                "  log-format \"%Ts.%ms %s %ST %HM %HP %tsc new=%[var(txn.new_session)]\"",
                "  timeout connect 2s",
                // A dead node refuses a check at once; a busy one may take seconds to answer it. Three refusals in a
                // row (0.75 s) take a dead node out, three 5 s timeouts a frozen one. With the 250 ms default a loaded
                // node was marked down, and with 3 s and two checks the survivor of a node kill was, mid-storm.
                "  timeout check 5s",
                "  timeout client 130s",
                "  timeout server 130s",
                "  timeout tunnel 1h",
                "  option redispatch",
                "  retries 2",
                "  retry-on conn-failure empty-response",
                "frontend stats",
                "  bind 127.0.0.1:" + statsPort,
                "  stats enable",
                "  stats uri /stats",
                "  no log",
                "frontend xmpp",
                "  bind 127.0.0.1:" + tlsPort + " ssl crt " + dir.resolve("server.pem") + " alpn http/1.1",
                "  option http-buffer-request",
                "  acl websocket hdr(upgrade) -i websocket",
                "  acl bosh path_beg /http-bind",
                "  acl bosh_session req.body -m sub \"sid=\"",
                // A new session: a WebSocket upgrade, or a BOSH request that carries no sid (the session request).
                "  http-request set-var(txn.new_session) int(1) if websocket",
                "  http-request set-var(txn.new_session) int(1) if bosh METH_POST !bosh_session"));
        if (settings.newSessionsPerSecond > 0) {
            // Refused first, counted after: the rate is that of sessions let through.
            lines.add("  http-request return status 503 content-type text/plain string \"busy\" hdr Retry-After "
                    + settings.retryAfterSeconds + " if { var(txn.new_session) -m int 1 } "
                    + "{ src,table_http_req_rate(new_sessions) ge " + settings.newSessionsPerSecond + " }");
            lines.add("  http-request track-sc0 src table new_sessions if { var(txn.new_session) -m int 1 }");
        }
        lines.add("  default_backend nodes");
        if (settings.newSessionsPerSecond > 0) {
            lines.add("backend new_sessions");
            lines.add("  stick-table type ip size 10k expire 60s store http_req_rate(1s)");
        }
        lines.add("backend nodes");
        lines.add("  balance " + settings.balance);
        if (settings.stickyParameter != null) {
            lines.add("  stick-table type string len 64 size 100k expire 30m");
            lines.add("  stick on url_param(" + settings.stickyParameter + ")");
        }
        lines.add("  option httpchk");
        lines.add("  http-check send meth GET uri /http-bind ver HTTP/1.1 hdr Host localhost");
        // No on-marked-down shutdown-sessions: a killed node's connections die with it anyway, and cutting a slow
        // node's sessions when a check times out turns overload into an outage (every client reconnects at once).
        lines.add("  default-server inter 250ms fastinter 250ms fall 3 rise 2");
        settings.nodes.forEach((name, port) -> lines.add("  server " + name + " 127.0.0.1:" + port + " check"));
        return String.join("\n", lines) + "\n";
    }

    /** {@code wss://127.0.0.1:PORT/xmpp-websocket}: the certificate names 127.0.0.1 as well as localhost. */
    public URI webSocketUri() {
        return URI.create("wss://127.0.0.1:" + tlsPort + "/xmpp-websocket");
    }

    public URI boshUri() {
        return URI.create("https://127.0.0.1:" + tlsPort + "/http-bind");
    }

    /** CPU time HAProxy has used so far (TLS termination is server-side work a benchmark counts). */
    public long cpuMillis() {
        return ServerProcesses.cpuMillis(process);
    }

    /** Whether HAProxy's health checks consider the node up right now (from its stats page). */
    public boolean isUp(String node) {
        for (String row : stats().split("\n")) {
            String[] columns = row.split(",");
            if (columns.length > 17 && columns[0].equals("nodes") && columns[1].equals(node)) {
                return columns[17].startsWith("UP");
            }
        }
        throw new IllegalArgumentException("no node " + node + " in HAProxy's stats");
    }

    /** The connections HAProxy holds open to the node right now (its stats' {@code scur}). */
    public int currentConnections(String node) {
        for (String row : stats().split("\n")) {
            String[] columns = row.split(",");
            if (columns.length > 4 && columns[0].equals("nodes") && columns[1].equals(node)) {
                return Integer.parseInt(columns[4]);
            }
        }
        throw new IllegalArgumentException("no node " + node + " in HAProxy's stats");
    }

    /** Waits until the health checks have taken the node out (or let it in). */
    public void awaitUp(String node, boolean up, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isUp(node) != up) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node + " is not " + (up ? "up" : "down") + " after " + timeout
                        + ":\n" + stats() + logTail());
            }
            ServerProcesses.sleep(20);
        }
    }

    private String stats() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("HAProxy's stats page did not answer: " + e + "\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each request HAProxy has logged so far: time, node, status, method, path and whether it opened a session. */
    public List<String> requestLog() {
        try {
            return Files.readAllLines(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node that took the latest new session (WebSocket upgrade or BOSH session request), from the log. */
    public String lastNodeOfNewSessions() {
        List<String> log = requestLog();
        for (int i = log.size() - 1; i >= 0; i--) {
            String[] fields = log.get(i).split(" ");
            if (fields.length >= 6 && fields[fields.length - 1].equals("new=1")) {
                return fields[1];
            }
        }
        throw new IllegalStateException("HAProxy has logged no new session:\n" + logTail());
    }

    public String logTail() {
        return ServerProcesses.tail(List.of(dir.resolve("haproxy.log")));
    }

    @Override
    public void close() {
        ServerProcesses.kill(process);
        ServerProcesses.deleteRecursively(dir);
        OpenFixtures.closed(this);
    }

    @Override
    public String toString() {
        return "HAProxy on port " + tlsPort + " in " + dir;
    }
}
