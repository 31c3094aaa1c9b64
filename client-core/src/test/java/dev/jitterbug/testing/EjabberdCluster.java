package dev.jitterbug.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two real ejabberd nodes joined into one cluster (shared Mnesia: accounts, rosters, the session table, BOSH sids),
 * each with its own folders and HTTP port on loopback. The nodes find each other through an epmd of the cluster's own,
 * on a free loopback port, which {@link #close()} ends with them; the cookie is random per cluster. Accounts are made
 * on the first node and so exist on both. {@code kill(i)} is a real {@code SIGKILL} of node i's VM: its sessions die
 * with it, and the other node serves on.
 */
public final class EjabberdCluster implements AutoCloseable {
    private final Path dir;
    private final Process epmd;
    private final List<EjabberdServer> nodes = new ArrayList<>();

    private EjabberdCluster(Path dir, Process epmd) {
        this.dir = dir;
        this.epmd = epmd;
    }

    /** Starts epmd and two nodes, the second joining the first, and waits until both serve as one cluster. */
    public static EjabberdCluster start(int size) {
        Path dir;
        Process epmd;
        int epmdPort = ServerProcesses.freePort();
        try {
            dir = Files.createTempDirectory(OpenFixtures.folder(), "jitterbug-ejabberd-cluster-");
            ProcessBuilder builder = new ProcessBuilder(ServerProcesses.provisioned("epmd").toString(),
                    "-port", Integer.toString(epmdPort), "-address", "127.0.0.1")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("epmd.log").toFile()));
            builder.environment().put(OpenFixtures.MARKER, dir.getParent().toAbsolutePath().normalize().toString());
            epmd = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EjabberdCluster cluster = new EjabberdCluster(dir, epmd);
        OpenFixtures.opened(cluster);
        awaitListening(epmd, epmdPort);
        String cookie = "jitterbug" + UUID.randomUUID().toString().replace("-", "");
        String first = "jb1-" + epmdPort + "@127.0.0.1";
        for (int i = 0; i < size; i++) {
            String name = i == 0 ? first : "jb" + (i + 1) + "-" + epmdPort + "@127.0.0.1";
            EjabberdServer node = EjabberdServer.create(
                    new EjabberdServer.ClusterNode(name, cookie, epmdPort, i == 0 ? null : first));
            cluster.nodes.add(node);
            node.start();
        }
        return cluster;
    }

    private static void awaitListening(Process epmd, int port) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ServerProcesses.listening(port)) {
            if (!epmd.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("epmd did not listen on port " + port);
            }
            ServerProcesses.sleep(20);
        }
    }

    /** Adds an account on the cluster (made on a running node; every node then knows it). */
    public EjabberdCluster account(String user, String password) {
        for (EjabberdServer node : nodes) {
            node.accountKnownElsewhere(user, password);
        }
        running().account(user, password);
        return this;
    }

    /** Adds many accounts at once (user to password). */
    public EjabberdCluster accounts(java.util.Map<String, String> users) {
        users.forEach((user, password) -> nodes.forEach(node -> node.accountKnownElsewhere(user, password)));
        running().registerAll(users);
        return this;
    }

    private EjabberdServer running() {
        return nodes.stream().filter(EjabberdServer::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster is running"));
    }

    public EjabberdServer node(int index) {
        return nodes.get(index);
    }

    public int size() {
        return nodes.size();
    }

    /** Which node holds each session: "user@domain/resource node" lines, from ejabberd's own session table. */
    public String sessions() {
        return running().connectedUsersInfo();
    }

    /** The node that holds a session of {@code bareJid}, from {@link #sessions()}; fails if it has none. */
    public static String nodeOf(String sessions, String bareJid) {
        try {
            for (JsonNode session : new ObjectMapper().readTree(sessions)) {
                if (session.path("jid").asText().startsWith(bareJid + "/")) {
                    return session.path("node").asText();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("ejabberd's session list is not JSON: " + sessions, e);
        }
        throw new IllegalStateException("no session of " + bareJid + " in " + sessions);
    }

    @Override
    public void close() {
        for (EjabberdServer node : nodes) {
            node.close();
        }
        ServerProcesses.kill(epmd);
        ServerProcesses.deleteRecursively(dir);
        OpenFixtures.closed(this);
    }

    @Override
    public String toString() {
        return "ejabberd cluster of " + nodes.size() + " in " + dir;
    }
}
