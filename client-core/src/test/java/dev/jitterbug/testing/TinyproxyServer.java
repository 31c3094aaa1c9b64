package dev.jitterbug.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real HTTP proxy (Debian's tinyproxy) on a free loopback port, with its own config, log and folder: what a
 * corporate network puts between the client and the server. It can ask for a user name and password
 * ({@link #basicAuth}), refuse this machine ({@link #denyLoopbackClients}) or refuse tunnels to other ports than
 * 443 ({@link #tunnelsTo443Only}). Its log records each request it was asked to carry ({@link #requests()}).
 * {@link #close()} ends the process and deletes the folder.
 */
public final class TinyproxyServer implements AutoCloseable {
    private static final String INSTALL_HINT = "No tinyproxy found, and the proxy tests need a real HTTP proxy: "
            + "'./mvnw verify' fetches a private copy by itself (client-core/src/test/sh/provision-servers.sh); on a "
            + "machine without apt, install tinyproxy.";

    private final Path dir;
    private final int port;
    private final List<String> extraLines = new ArrayList<>();
    private Process process;

    private TinyproxyServer(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
    }

    /** Creates (but does not start) a proxy that carries anything for anyone on this machine. */
    public static TinyproxyServer create() {
        Path command = command(); // fails here, with the hint, rather than on start()
        try {
            TinyproxyServer proxy = new TinyproxyServer(Files.createTempDirectory(OpenFixtures.folder(),
                    "jitterbug-tinyproxy-"));
            OpenFixtures.opened(proxy);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare tinyproxy (" + command + ")", e);
        }
    }

    /** Asks every client for this user name and password (HTTP Basic, 407). */
    public TinyproxyServer basicAuth(String user, String password) {
        extraLines.add("BasicAuth " + user + " " + password);
        return this;
    }

    /** Serves only a client address that is not on this machine: every request from here is refused (HTTP 403). */
    public TinyproxyServer denyLoopbackClients() {
        extraLines.add("Allow 192.0.2.1"); // TEST-NET-1: nobody
        return this;
    }

    /** Opens tunnels ({@code CONNECT}) to port 443 only, as many company proxies do; others get HTTP 403. */
    public TinyproxyServer tunnelsTo443Only() {
        extraLines.add("ConnectPort 443");
        return this;
    }

    public synchronized TinyproxyServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.writeString(dir.resolve("tinyproxy.conf"), config(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command().toString(), "-d", "-c",
                    dir.resolve("tinyproxy.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
            // Marked, so the end-of-run check can tell a proxy left running by a test from anything else.
            builder.environment().put(OpenFixtures.MARKER, dir.getParent().toAbsolutePath().normalize().toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("tinyproxy exited during start-up:\n" + log());
            }
            if (listening()) {
                return this;
            }
            pause();
        }
        throw new IllegalStateException("tinyproxy did not listen on port " + port + " within 10 s:\n" + log());
    }

    /**
     * The tinyproxy to run: {@code -Djitterbug.tinyproxy=PATH}, else what the build provisioned
     * ({@code ~/.cache/jitterbug/bin/tinyproxy}), else {@code tinyproxy} on the PATH.
     */
    static Path command() {
        String configured = System.getProperty("jitterbug.tinyproxy", "");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        Path provisioned = TestCache.dir().resolve("bin").resolve("tinyproxy");
        if (Files.isExecutable(provisioned)) {
            return provisioned;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve("tinyproxy");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(INSTALL_HINT);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The requests it was asked to carry, as its log has them: "GET http://127.0.0.1:…/… HTTP/1.1", "CONNECT …". */
    public List<String> requests() {
        String marker = "): ";
        return logLines().stream().filter(line -> line.contains("Request (file descriptor"))
                .map(line -> line.substring(line.indexOf(marker) + marker.length())).collect(Collectors.toList());
    }

    /** Its log so far. */
    public String log() {
        return String.join("\n", logLines());
    }

    private List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (String name : new String[] {"tinyproxy.log", "stdout.log"}) {
            Path file = dir.resolve(name);
            try {
                if (Files.exists(file)) {
                    lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                lines.add("(could not read " + file + ": " + e + ")");
            }
        }
        return lines;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp file is not worth failing a test for
        }
        OpenFixtures.closed(this);
    }

    @Override
    public String toString() {
        return "tinyproxy on port " + port + " in " + dir;
    }

    private String config() {
        List<String> lines = new ArrayList<>();
        lines.add("Port " + port);
        lines.add("Listen 127.0.0.1");
        lines.add("Timeout 120");
        lines.add("MaxClients 200");
        lines.add("LogFile \"" + dir.resolve("tinyproxy.log") + "\"");
        lines.add("LogLevel Connect"); // one line per request carried, which the tests read
        lines.add("PidFile \"" + dir.resolve("tinyproxy.pid") + "\"");
        lines.addAll(extraLines);
        return String.join("\n", lines) + "\n";
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
