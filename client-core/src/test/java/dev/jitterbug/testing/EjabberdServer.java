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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real ejabberd 23.01 (the Debian package) on a free loopback port, with its own config, Mnesia spool and logs.
 *
 * <p>One node without Erlang distribution (no epmd, no cookie, no {@code ejabberdctl}): the provisioned
 * {@code ~/.cache/jitterbug/bin/ejabberd} runs {@code erl ... -s ejabberd} in the foreground, so the process the test
 * holds is the VM itself and {@link #kill()} is a real {@code SIGKILL}. Accounts are made through ejabberd's own HTTP
 * API ({@code mod_http_api}, loopback only), which is also how {@link #start()} knows the node serves. A cluster node
 * ({@link EjabberdCluster}) adds a name, a cookie and the cluster's private epmd to the command, and the second node
 * joins the first as it starts.
 */
public final class EjabberdServer implements XmppTestServer {
    private static final String INSTALL_HINT =
            "No ejabberd 23 found, and the tests need a real one: './mvnw verify' fetches a private copy by itself "
                    + "(client-core/src/test/sh/provision-servers.sh); on a machine without apt, install ejabberd 23.";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final int httpPort;
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private final ClusterNode clusterNode;
    private boolean joined;
    private Process process;

    /** A node of a cluster: its Erlang name, the cluster's cookie and epmd port, and the node it joins (or null). */
    record ClusterNode(String name, String cookie, int epmdPort, String joins) {
    }

    private EjabberdServer(Path dir, ClusterNode clusterNode) throws IOException {
        this.dir = dir;
        this.clusterNode = clusterNode;
        this.httpPort = ServerProcesses.freePort();
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("logs"));
    }

    /** Creates (but does not start) a server in a new folder. */
    public static EjabberdServer create() {
        return create(null);
    }

    static EjabberdServer create(ClusterNode clusterNode) {
        command(); // fails here, with the hint, rather than on start()
        try {
            EjabberdServer server = new EjabberdServer(Files.createTempDirectory(OpenFixtures.folder(),
                    "jitterbug-ejabberd-"), clusterNode);
            OpenFixtures.opened(server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The wrapper provision-servers.sh writes ({@code -Djitterbug.ejabberd=PATH} overrides it). */
    static Path command() {
        String configured = System.getProperty("jitterbug.ejabberd", "");
        Path command = configured.isEmpty() ? ServerProcesses.provisioned("ejabberd") : Path.of(configured);
        if (!Files.isExecutable(command)) {
            throw new IllegalStateException(INSTALL_HINT);
        }
        return command;
    }

    @Override
    public ServerKind kind() {
        return ServerKind.EJABBERD;
    }

    @Override
    public synchronized EjabberdServer account(String user, String password) {
        accounts.put(user, password);
        if (isRunning()) {
            register(user);
        }
        return this;
    }

    /** An account another node of the cluster registers: this node registers it only after a restart of its own. */
    synchronized void accountKnownElsewhere(String user, String password) {
        accounts.put(user, password);
    }

    @Override
    public synchronized EjabberdServer start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.writeString(dir.resolve("ejabberd.yml"), EjabberdConfig.yaml(httpPort,
                    clusterNode == null ? dir.resolve("ejabberd.db") : null), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(commandLine()).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
            Map<String, String> env = builder.environment();
            env.put("EJABBERD_CONFIG_PATH", dir.resolve("ejabberd.yml").toString());
            env.put("EJABBERD_LOG_PATH", dir.resolve("logs").resolve("ejabberd.log").toString());
            env.put("EJABBERD_SPOOL", dir.resolve("spool").toString());
            env.put("ERL_CRASH_DUMP", dir.resolve("logs").resolve("erl_crash.dump").toString());
            env.put("HOME", dir.toString()); // the VM may write .erlang.cookie or a shell history there
            env.put(OpenFixtures.MARKER, dir.getParent().toAbsolutePath().normalize().toString());
            if (clusterNode != null) {
                env.put("ERL_EPMD_PORT", Integer.toString(clusterNode.epmdPort()));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(60));
        if (clusterNode != null && clusterNode.joins() != null && !joined) {
            awaitJoined(Duration.ofSeconds(60));
            joined = true;
        }
        for (String user : accounts.keySet()) {
            register(user);
        }
        return this;
    }

    @Override
    public synchronized void kill() {
        ServerProcesses.kill(process);
    }

    /** SIGTERM: the VM stops its applications; ejabberd closes its streams with {@code system-shutdown}. */
    @Override
    public synchronized void stop() {
        ServerProcesses.stop(process);
    }

    /** CPU time the node's VM has used so far (user + system). */
    public synchronized long cpuMillis() {
        return ServerProcesses.cpuMillis(process);
    }

    /** Registers many accounts at once, several API calls at a time (one by one, 1,000 take about a minute). */
    synchronized void registerAll(Map<String, String> users) {
        accounts.putAll(users);
        if (isRunning()) {
            users.keySet().parallelStream().forEach(this::register);
        }
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public String password(String user) {
        return accounts.get(user);
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public String logTail() {
        return ServerProcesses.tail(Arrays.asList(dir.resolve("stdout.log"), dir.resolve("logs/error.log"),
                dir.resolve("logs/ejabberd.log")));
    }

    @Override
    public synchronized void close() {
        kill();
        ServerProcesses.deleteRecursively(dir);
        OpenFixtures.closed(this);
    }

    @Override
    public String toString() {
        return "ejabberd on port " + httpPort + " in " + dir;
    }

    /**
     * Registers an account, again at every start ("already registered" is fine): one registered moments before a
     * {@code SIGKILL} was seen missing after the restart (the account table is a disk-only Mnesia table, written
     * lazily), so the fixture does not count on it.
     */
    private void register(String user) {
        String body = "{\"user\":" + json(user) + ",\"host\":" + json(DOMAIN) + ",\"password\":"
                + json(accounts.get(user)) + "}";
        HttpResponse<String> answer = api("register", body);
        if (answer.statusCode() != 200 && !answer.body().contains("already registered")) {
            throw new IllegalStateException("ejabberd did not register " + user + ": HTTP " + answer.statusCode()
                    + " " + answer.body() + "\n" + logTail());
        }
    }

    private java.util.List<String> commandLine() {
        java.util.List<String> line = new java.util.ArrayList<>();
        line.add(command().toString());
        if (clusterNode != null) {
            line.addAll(java.util.List.of("-name", clusterNode.name(), "-setcookie", clusterNode.cookie(),
                    "-start_epmd", "false"));
            if (clusterNode.joins() != null && !joined) {
                // join_cluster stops and restarts ejabberd on this node, so it cannot run inside an API call (the
                // call's process dies with the stop); a process of its own, spawned once the node has started, can.
                line.addAll(java.util.List.of("-eval", "spawn(fun() -> io:format(\"join_cluster: ~p~n\", "
                        + "[ejabberd_admin:join_cluster(<<\"" + clusterNode.joins() + "\">>)]) end)"));
            }
        }
        return line;
    }

    /** The node's Erlang name, e.g. {@code jb1-40123@127.0.0.1}. */
    public String nodeName() {
        return clusterNode == null ? "ejabberd@localhost" : clusterNode.name();
    }

    /** The names of the cluster's nodes as this node sees them. */
    public String clusterMembers() {
        return api("list_cluster", "{}").body();
    }

    /** The sessions on this node, as ejabberd reports them (one JSON object each, with its {@code node}). */
    String connectedUsersInfo() {
        return api("connected_users_info", "{}").body();
    }

    private void awaitJoined(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ejabberd exited while joining the cluster:\n" + logTail());
            }
            try {
                if (clusterMembers().contains(clusterNode.joins())) {
                    return;
                }
            } catch (IllegalStateException restarting) {
                // the join stops the node's listener for a moment
            }
            ServerProcesses.sleep(50);
        }
        throw new IllegalStateException(clusterNode.name() + " did not join " + clusterNode.joins() + " within "
                + timeout.toSeconds() + " s:\n" + logTail());
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ejabberd exited during start-up:\n" + logTail());
            }
            if (ServerProcesses.listening(httpPort)) {
                try {
                    if (api("registered_users", "{\"host\":" + json(DOMAIN) + "}").statusCode() == 200) {
                        return;
                    }
                } catch (IllegalStateException notYet) {
                    // listening, but not serving the API yet
                }
            }
            ServerProcesses.sleep(50);
        }
        throw new IllegalStateException("ejabberd did not serve on port " + httpPort + " within "
                + timeout.toSeconds() + " s:\n" + logTail());
    }

    private HttpResponse<String> api(String command, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpBase() + "/api/" + command))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("ejabberd's API did not answer " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
