package dev.jitterbug.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prosody (the Debian package) on free loopback ports, with its own config and data directory.
 *
 * <p>It can be killed with SIGKILL, stopped, and started again on the same ports and data: the node-failure
 * scenarios need exactly that. {@link #close()} always ends the process and deletes the directory.
 */
public final class ProsodyServer implements XmppTestServer {
    private static final String INSTALL_HINT =
            "No Prosody 0.12 found, and the tests need a real XMPP server: './mvnw verify' fetches a private copy "
                    + "by itself (client-core/src/test/sh/provision-servers.sh); on a machine without apt, install "
                    + "Prosody 0.12 and prosody-modules.";

    private final Path dir;
    private final int c2sPort;
    private final int httpPort;
    private final Map<String, String> extraSettings;
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private Process process;

    private ProsodyServer(Path dir, Map<String, String> extraSettings) throws IOException {
        this.dir = dir;
        this.extraSettings = extraSettings;
        this.c2sPort = ServerProcesses.freePort();
        this.httpPort = ServerProcesses.freePort();
        Files.createDirectories(dataDir().resolve(DOMAIN).resolve("accounts"));
        Files.createDirectories(filesDir());
        Files.createDirectories(dir.resolve("certs"));
    }

    /** Creates (but does not start) a server in a new temporary directory. */
    public static ProsodyServer create() {
        return create(new LinkedHashMap<>());
    }

    /**
     * Creates a server with extra global settings, given as raw Lua values,
     * e.g. {@code "smacks_hibernation_time" -> "30"}.
     */
    public static ProsodyServer create(Map<String, String> extraSettings) {
        command(); // fails here, with the hint, rather than on start()
        try {
            ProsodyServer server = new ProsodyServer(Files.createTempDirectory(OpenFixtures.folder(),
                    "jitterbug-prosody-"), extraSettings);
            OpenFixtures.opened(server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ServerKind kind() {
        return ServerKind.PROSODY;
    }

    /** Adds an account (works before and after start: Prosody reads the account file at each login). */
    @Override
    public ProsodyServer account(String user, String password) {
        accounts.put(user, password);
        String lua = HashedCredentials.lua(password);
        try {
            Files.writeString(dataDir().resolve(DOMAIN).resolve("accounts").resolve(user + ".dat"), lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public synchronized ProsodyServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.writeString(configFile(), config(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command().toString(), "-F", "--config",
                    configFile().toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
            // Marked, so the end-of-run check can tell a Prosody left running by a test from anything else.
            builder.environment().put(OpenFixtures.MARKER, dir.getParent().toAbsolutePath().normalize().toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(20));
        return this;
    }

    /**
     * The Prosody to run: {@code -Djitterbug.prosody=PATH}, else what the build provisioned
     * ({@code ~/.cache/jitterbug/bin/prosody}, see provision-servers.sh), else {@code prosody} on the PATH.
     */
    static Path command() {
        String configured = System.getProperty("jitterbug.prosody", "");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        Path provisioned = TestCache.dir().resolve("bin").resolve("prosody");
        if (Files.isExecutable(provisioned)) {
            return provisioned;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve("prosody");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(INSTALL_HINT);
    }

    @Override
    public synchronized void kill() {
        ServerProcesses.kill(process);
    }

    /** SIGTERM: Prosody closes its streams with {@code system-shutdown} and exits. */
    @Override
    public synchronized void stop() {
        ServerProcesses.stop(process);
    }

    /** SIGSTOP: the server freezes with every connection and session open (a stalled VM, a GC pause). */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}: the server runs on and answers what waited. */
    public synchronized void thaw() {
        signal("CONT");
    }

    /**
     * CPU time (user + system) the server process has used so far, in milliseconds, from /proc: the yardstick for
     * what a login or a resume costs the server, whatever else runs on the machine.
     */
    public synchronized long cpuMillis() {
        return ServerProcesses.cpuMillis(process);
    }

    private void signal(String name) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("Prosody is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " failed for Prosody " + process.pid());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void restart() {
        stop();
        start();
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int c2sPort() {
        return c2sPort;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    /** The folder Prosody serves at {@code http://127.0.0.1:PORT/} (http_files). */
    public Path filesDir() {
        return dir.resolve("www");
    }

    public Path logFile() {
        return dir.resolve("prosody.log");
    }

    @Override
    public String password(String user) {
        return accounts.get(user);
    }

    @Override
    public String logTail() {
        return ServerProcesses.tail(List.of(dir.resolve("stdout.log"), dir.resolve("error.log"), logFile()));
    }

    @Override
    public synchronized void close() {
        kill();
        keepLogs(System.getProperty("prosody.keepLogsIn", ""));
        ServerProcesses.deleteRecursively(dir);
        try {
            Files.deleteIfExists(adminSocket()); // a killed server leaves it behind
        } catch (IOException ignored) {
            // best effort, like the folder
        }
        OpenFixtures.closed(this);
    }

    @Override
    public String toString() {
        return "Prosody on ports " + c2sPort + "/" + httpPort + " in " + dir;
    }

    /** {@code -Dprosody.keepLogsIn=DIR} keeps the server's logs of a long run (the soak) for diagnosis. */
    private void keepLogs(String target) {
        if (target.isEmpty()) {
            return;
        }
        try {
            Path into = Files.createDirectories(Path.of(target));
            for (Path log : new Path[] {logFile(), dir.resolve("error.log")}) {
                if (Files.exists(log)) {
                    Files.copy(log, into.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("Could not keep Prosody's logs in " + target + ": " + e);
        }
    }

    /**
     * Runs Lua inside the server through its admin shell ({@code prosodyctl shell "> code"}) and returns what it
     * printed; fails if the shell could not run it. For driving the server as an operator would.
     */
    public String adminShell(String lua) {
        Path prosodyctl = command().resolveSibling("prosodyctl");
        try {
            Process shell = new ProcessBuilder(prosodyctl.toString(), "--config", configFile().toString(), "shell",
                    "> " + lua).redirectErrorStream(true).start();
            String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!shell.waitFor(30, TimeUnit.SECONDS) || shell.exitValue() != 0 || output.contains("Error:")) {
                throw new IllegalStateException("Prosody's admin shell failed on '" + lua + "': " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Clears a room with XEP-0045 status 332 ("removed because the MUC service is being shut down") for every
     * occupant, which is what a room service does when it stops (ejabberd does so; Prosody 0.12 keeps its
     * occupants across a reload, so the test asks Prosody's own room code to clear them, through its admin shell).
     */
    public void shutDownRoom(String roomJid) {
        adminShell("local st = require 'util.stanza'; local muc = prosody.hosts[" + luaString(MUC_DOMAIN)
                + "].modules.muc; muc.get_room_from_jid(" + luaString(roomJid) + "):clear(st.stanza('x', "
                + "{ xmlns = 'http://jabber.org/protocol/muc#user' }):tag('status', { code = '332' }):up())");
    }

    private Path adminSocket() {
        return Path.of("/tmp", "jb-prosody-" + c2sPort + ".sock");
    }

    /** Prosody's data folder (accounts, archives), for diagnosing a failed test. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    private Path configFile() {
        return dir.resolve("prosody.cfg.lua");
    }

    private String config() {
        List<String> lines = new ArrayList<>();
        lines.add("run_as_root = true");
        lines.add("daemonize = false");
        lines.add("data_path = " + luaString(dataDir().toString()));
        lines.add("certificates = " + luaString(dir.resolve("certs").toString()));
        // -Dprosody.debug=true logs every stanza, for diagnosing a protocol problem.
        String level = Boolean.getBoolean("prosody.debug") ? "debug" : "info";
        lines.add("log = { " + level + " = " + luaString(logFile().toString()) + "; error = "
                + luaString(dir.resolve("error.log").toString()) + " }");
        lines.add("interfaces = { \"127.0.0.1\" }");
        lines.add("local_interfaces = { \"127.0.0.1\" }");
        lines.add("c2s_ports = { " + c2sPort + " }");
        lines.add("c2s_direct_tls_ports = { }");
        lines.add("legacy_ssl_ports = { }");
        lines.add("s2s_ports = { }");
        lines.add("http_interfaces = { \"127.0.0.1\" }");
        lines.add("http_ports = { " + httpPort + " }");
        lines.add("https_ports = { }");
        lines.add("http_default_host = " + luaString(DOMAIN));
        // Hashed like production (SCRAM-SHA-256 keys, no passwords): a login costs the server no key derivation.
        lines.add("authentication = \"internal_hashed\"");
        lines.add("password_hash = \"SHA-256\"");
        // Loopback tests run without TLS; these switches only exist on the test server.
        lines.add("c2s_require_encryption = false");
        lines.add("allow_unencrypted_plain_auth = true");
        lines.add("consider_bosh_secure = true");
        lines.add("consider_websocket_secure = true");
        lines.add("allow_registration = true");
        lines.add("min_seconds_between_registrations = 0");
        lines.add("registration_throttle_max = 1000000");
        lines.add("modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\"; \"register\"; \"bosh\"; "
                + "\"websocket\"; \"smacks\"; \"mam\"; \"carbons\"; \"csi_simple\"; \"http_files\"; \"sasl2\"; "
                + "\"sasl2_bind2\"; \"bookmarks\"; \"pep\"; \"private\"; \"time\"; \"version\"; \"blocklist\"; "
                + "\"admin_shell\" }");
        // A Unix socket path may hold about 100 bytes, so the admin socket lives in /tmp under a short name.
        lines.add("admin_socket = " + luaString(adminSocket().toString()));
        if (!extraSettings.containsKey("modules_disabled")) { // a test may disable more (Prosody refuses a repeat)
            lines.add("modules_disabled = { \"s2s\"; \"offline\" }");
        }
        lines.add("http_files_dir = " + luaString(filesDir().toString()));
        lines.add("http_paths = { files = \"/\" }");
        lines.add("archive_expires_after = \"never\"");
        lines.add("default_archive_policy = true");
        lines.add("bosh_max_inactivity = 60");
        extraSettings.forEach((key, value) -> lines.add(key + " = " + value));
        lines.add("VirtualHost " + luaString(DOMAIN));
        lines.add("Component " + luaString(MUC_DOMAIN) + " \"muc\"");
        lines.add("  modules_enabled = { \"muc_mam\" }");
        lines.add("  muc_log_by_default = true");
        lines.add("  muc_log_all_rooms = true");
        lines.add("  restrict_room_creation = false");
        return String.join("\n", lines) + "\n";
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prosody exited during start-up:\n" + logTail());
            }
            if (ServerProcesses.listening(httpPort) && ServerProcesses.listening(c2sPort)) {
                return;
            }
            ServerProcesses.sleep(50);
        }
        throw new IllegalStateException("Prosody did not listen on ports " + c2sPort + "/" + httpPort + " within "
                + timeout.toSeconds() + " s:\n" + logTail());
    }

    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
