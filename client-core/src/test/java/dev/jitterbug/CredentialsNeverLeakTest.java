package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.jitterbug.platform.FileKeyValueStore;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.QuickRetry;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import dev.jitterbug.testing.TinyproxyServer;
import dev.jitterbug.testing.WireTranscript;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With every stanza logged (the wire log at DEBUG) and the exception behind every failure (dev.jitterbug.causes at
 * DEBUG), a login, a link drop, a server kill and a wrong password, over
 * WebSocket and BOSH, leave no credential anywhere a person or a bug report could see it: not the password, not any
 * SCRAM message of either side (the client's first and final messages, the server's first message with its salt and
 * nonce, the server's final signature), nor the keys derived from the password — in no formatted log line, no
 * exception text in the logs (message, stack trace, causes), no failure message given to listeners, no stored file.
 * The SCRAM messages are the ones that really went over the wire: a proxy between client and server records them.
 */
class CredentialsNeverLeakTest {
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String WRONG_PASSWORD = "incorrect-donkey-staple-battery";
    private static final String PROXY_PASSWORD = "proxy-horse-4d1f";
    private static final String WRONG_PROXY_PASSWORD = "proxy-donkey-9b2e";
    /** A SASL payload on the wire: base64 text of a SASL or SASL2 element. */
    private static final Pattern SASL_PAYLOAD = Pattern.compile(
            "<(auth|response|challenge|success|initial-response|additional-data)\\b[^>]*>([A-Za-z0-9+/]+=*)</\\1>");

    @RegisterExtension
    final ProsodyExtension prosody = ProsodyExtension.perTest().account("alice", PASSWORD);

    @TempDir
    Path storeDir;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Level wireLevel;
    private Level causesLevel;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger wire = (Logger) LoggerFactory.getLogger("dev.jitterbug.wire");
        wireLevel = wire.getLevel();
        wire.setLevel(Level.DEBUG);
        Logger causes = (Logger) LoggerFactory.getLogger("dev.jitterbug.causes");
        causesLevel = causes.getLevel();
        causes.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    /** What was logged so far; clients still closing may log meanwhile (AppenderBase appends under this lock). */
    private List<ILoggingEvent> logged() {
        synchronized (captured) {
            return new ArrayList<>(captured.list);
        }
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(captured);
        ((Logger) LoggerFactory.getLogger("dev.jitterbug.wire")).setLevel(wireLevel);
        ((Logger) LoggerFactory.getLogger("dev.jitterbug.causes")).setLevel(causesLevel);
    }

    @Test
    void noCredentialOrScramMessageReachesALogAFailureOrAFile() throws Exception {
        ProsodyServer server = prosody.server();
        FileKeyValueStore store = new FileKeyValueStore(storeDir);
        List<RecordingListener> listeners = new ArrayList<>();
        Map<String, Scram> wire = new LinkedHashMap<>();
        try (LoopbackProxy proxy = new LoopbackProxy(server.httpPort()); TestClients clients = new TestClients(server)) {
            proxy.record(true);
            for (URI endpoint : List.of(proxy.via(server.webSocketUri()), proxy.via(server.boshUri()))) {
                int firstRecording = proxy.recordings().size();
                RecordingListener events = new RecordingListener();
                listeners.add(events);
                JitterbugClient alice = clients.online(clients.options("alice", endpoint).store(store).build(),
                        events);

                // A link drop with the server alive.
                int from = events.events.size();
                proxy.dropLink(events);
                from = awaitState(events, from, ConnectionState::isOnline);
                if (endpoint.getScheme().equals("ws")) { // Prosody 0.12.3 cannot resume BOSH sessions
                    assertThat(events.events.get(from - 1).state()).isEqualTo(ConnectionState.RESUMED);
                }

                // A server kill: the session is gone, the client logs in again.
                server.kill();
                server.start();
                from = awaitState(events, from, s -> s == ConnectionState.DISCONNECTED);
                awaitState(events, from, s -> s == ConnectionState.CONNECTED);
                alice.close();
                wire.put(endpoint.getScheme(), Scram.from(proxy.recordings().subList(firstRecording,
                        proxy.recordings().size())));
            }

            // A wrong password: refused, and retrying stops.
            RecordingListener refused = new RecordingListener();
            listeners.add(refused);
            int firstRecording = proxy.recordings().size();
            clients.start(ClientOptions.builder(Jid.parse(server.jid("alice")), WRONG_PASSWORD.toCharArray())
                    .endpoint(proxy.via(server.webSocketUri())).retryConfig(QuickRetry.CONFIG).build(), refused);
            awaitState(refused, 0, s -> s == ConnectionState.STOPPED);
            assertThat(refused.lastEvent().failure().kind()).isEqualTo(Failure.Kind.NOT_AUTHORIZED);
            wire.put("wrong password", Scram.from(proxy.recordings().subList(firstRecording,
                    proxy.recordings().size())));
        }

        // The check must have something to check: SCRAM really ran on each path, and it was recorded.
        wire.forEach((path, scram) -> {
            assertThat(scram.clientFirst).as(path + ": client-first messages").isNotEmpty();
            assertThat(scram.serverFirst).as(path + ": server-first messages").isNotEmpty();
            assertThat(scram.clientFinal).as(path + ": client-final messages").isNotEmpty();
        });
        assertThat(wire.get("ws").serverFinal.size()).as("WebSocket: server-final messages").isGreaterThanOrEqualTo(2);
        assertThat(wire.get("http").serverFinal.size()).as("BOSH: server-final messages").isGreaterThanOrEqualTo(2);
        List<String> secrets = wire.values().stream().flatMap(s -> s.secrets.stream()).distinct()
                .collect(Collectors.toList());
        secrets.add(PASSWORD);
        secrets.add(WRONG_PASSWORD);

        List<String> lines = logged().stream().map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
        assertThat(lines).as("the wire log really ran, authentication included")
                .anyMatch(l -> l.startsWith("SEND") && (l.contains("<auth ") || l.contains("<authenticate ")))
                .anyMatch(l -> l.startsWith("RECV") && l.contains("<challenge"))
                .anyMatch(l -> l.startsWith("RECV") && l.contains("<success"));
        List<String> exceptionTexts = logged().stream().filter(e -> e.getThrowableProxy() != null)
                .map(e -> ThrowableProxyUtil.asString(e.getThrowableProxy())).collect(Collectors.toList());
        assertThat(exceptionTexts).as("exceptions were logged (their texts are checked)")
                .anyMatch(t -> t.contains("NegotiationException") && t.contains("\tat "))
                .anyMatch(t -> t.contains("IOException") || t.contains("SocketException"));
        List<String> failures = listeners.stream().flatMap(l -> l.events.stream()).filter(e -> e.failure() != null)
                .map(e -> e.failure().message() + "\n" + e.failure() + "\n" + e.detail()).collect(Collectors.toList());
        assertThat(failures).as("failures were reported (their messages are checked)")
                .anyMatch(f -> f.contains("NOT_AUTHORIZED")).anyMatch(f -> f.contains("CONNECTION_LOST"));

        assertNoSecret("a log line", lines, secrets);
        assertNoSecret("an exception in the log", exceptionTexts, secrets);
        assertNoSecret("a failure given to listeners", failures, secrets);
        try (Stream<Path> files = Files.walk(storeDir)) {
            List<String> stored = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                stored.add(file + ":\n" + new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            assertThat(stored).as("files in the state folder").isNotEmpty();
            assertNoSecret("a stored file", stored, secrets);
        }
        System.out.printf("checked %d log lines, %d logged exceptions, %d failures and the state folder for %d "
                + "secrets from %s%n", lines.size(), exceptionTexts.size(), failures.size(), secrets.size(), wire);
    }

    @Test
    void theProxyPasswordReachesNoLogFailureOrFile() throws Exception {
        ProsodyServer server = prosody.server();
        FileKeyValueStore store = new FileKeyValueStore(storeDir);
        List<RecordingListener> listeners = new ArrayList<>();
        try (TinyproxyServer tinyproxy = TinyproxyServer.create().basicAuth("proxy-user", PROXY_PASSWORD).start();
                TestClients clients = new TestClients(server)) {
            for (String proxyPassword : List.of(PROXY_PASSWORD, WRONG_PROXY_PASSWORD)) {
                RecordingListener events = new RecordingListener();
                listeners.add(events);
                clients.start(clients.options("alice", server.boshUri()).store(store).proxy(ProxySetting.manual(
                        tinyproxy.host(), tinyproxy.port(), "proxy-user", proxyPassword.toCharArray())).build(),
                        events);
                awaitState(events, 0, s -> s.isOnline() || s == ConnectionState.STOPPED);
            }
            assertThat(listeners.get(0).lastEvent().state().isOnline()).as("the right proxy password").isTrue();
            assertThat(listeners.get(1).lastEvent().failure().kind()).isEqualTo(Failure.Kind.PROXY_AUTHENTICATION);
        }
        List<String> secrets = new ArrayList<>();
        for (String password : List.of(PROXY_PASSWORD, WRONG_PROXY_PASSWORD)) {
            secrets.add(password);
            secrets.add(Base64.getEncoder().encodeToString(("proxy-user:" + password)
                    .getBytes(StandardCharsets.UTF_8))); // the Basic header's value
        }
        List<String> lines = logged().stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        assertThat(lines).as("the wire log ran").anyMatch(l -> l.startsWith("SEND"));
        List<String> exceptionTexts = logged().stream().filter(e -> e.getThrowableProxy() != null)
                .map(e -> ThrowableProxyUtil.asString(e.getThrowableProxy())).collect(Collectors.toList());
        assertThat(exceptionTexts).as("the refusal's exception was logged (its text is checked)")
                .anyMatch(t -> t.contains("ProxyAuthenticationException"));
        List<String> failures = listeners.stream().flatMap(l -> l.events.stream()).filter(e -> e.failure() != null)
                .map(e -> e.failure().message() + "\n" + e.failure() + "\n" + e.detail()).collect(Collectors.toList());
        assertNoSecret("a log line", lines, secrets);
        assertNoSecret("an exception in the log", exceptionTexts, secrets);
        assertNoSecret("a failure given to listeners", failures, secrets);
        try (Stream<Path> files = Files.walk(storeDir)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                assertNoSecret("a stored file", List.of(file + ":\n" + Files.readString(file)), secrets);
            }
        }
    }

    private static void assertNoSecret(String where, List<String> texts, List<String> secrets) {
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).as("%s shows a credential", where).doesNotContain(secret);
            }
        }
    }

    /** Waits for an event from index {@code from} on whose state matches; returns the index after it. */
    private static int awaitState(RecordingListener events, int from, Predicate<ConnectionState> state) {
        events.await("a state after event " + from, () -> indexOf(events, from, state) >= 0);
        return indexOf(events, from, state) + 1;
    }

    private static int indexOf(RecordingListener events, int from, Predicate<ConnectionState> state) {
        for (int i = from; i < events.events.size(); i++) {
            if (state.test(events.events.get(i).state())) {
                return i;
            }
        }
        return -1;
    }

    /** The SCRAM messages of recorded connections, and every secret in them or derived from them. */
    private static final class Scram {
        final List<String> clientFirst = new ArrayList<>();
        final List<String> serverFirst = new ArrayList<>();
        final List<String> clientFinal = new ArrayList<>();
        final List<String> serverFinal = new ArrayList<>();
        final List<String> secrets = new ArrayList<>();

        static Scram from(List<LoopbackProxy.Recording> recordings) throws Exception {
            Scram scram = new Scram();
            for (LoopbackProxy.Recording recording : recordings) {
                for (byte[] direction : List.of(recording.up(), recording.down())) {
                    Matcher payload = SASL_PAYLOAD.matcher(WireTranscript.text(direction));
                    while (payload.find()) {
                        scram.add(payload.group(2));
                    }
                }
            }
            return scram;
        }

        void add(String base64) throws Exception {
            String message = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            secret(base64);
            secret(message);
            if (message.startsWith("n,,") || message.startsWith("y,,")) {
                clientFirst.add(message);
                secret(message.substring(3)); // client-first-bare
                secret(attribute(message, 'r')); // the client's nonce
            } else if (message.startsWith("r=")) {
                serverFirst.add(message);
                secret(attribute(message, 'r'));
                secret(attribute(message, 's'));
                byte[] salt = Base64.getDecoder().decode(attribute(message, 's'));
                int iterations = Integer.parseInt(attribute(message, 'i'));
                for (String password : List.of(PASSWORD, WRONG_PASSWORD)) {
                    derivedKeys(password, salt, iterations, "HmacSHA256", "SHA-256");
                    derivedKeys(password, salt, iterations, "HmacSHA1", "SHA-1");
                }
            } else if (message.startsWith("c=")) {
                clientFinal.add(message);
                secret(attribute(message, 'p')); // the proof
                secret(message.substring(0, message.indexOf(",p="))); // client-final-without-proof
            } else if (message.startsWith("v=")) {
                serverFinal.add(message);
                secret(attribute(message, 'v')); // the server's signature
            } else {
                throw new AssertionError("an unexpected SASL payload on the wire: " + message);
            }
        }

        /** SaltedPassword, ClientKey, StoredKey, ServerKey (RFC 5802), as base64 and hex. */
        private void derivedKeys(String password, byte[] salt, int iterations, String hmac, String digest)
                throws Exception {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), hmac));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] salted = u.clone();
            for (int n = 1; n < iterations; n++) {
                u = mac.doFinal(u);
                for (int k = 0; k < salted.length; k++) {
                    salted[k] ^= u[k];
                }
            }
            Mac keyed = Mac.getInstance(hmac);
            keyed.init(new SecretKeySpec(salted, hmac));
            byte[] clientKey = keyed.doFinal("Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] serverKey = keyed.doFinal("Server Key".getBytes(StandardCharsets.UTF_8));
            byte[] storedKey = MessageDigest.getInstance(digest).digest(clientKey);
            for (byte[] key : List.of(salted, clientKey, serverKey, storedKey)) {
                secret(Base64.getEncoder().encodeToString(key));
                secret(hex(key));
            }
        }

        private void secret(String text) {
            if (text != null && text.length() >= 12) { // shorter parts could match by chance
                secrets.add(text);
            }
        }

        private static String attribute(String message, char name) {
            for (String part : message.split(",")) {
                if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                    return part.substring(2);
                }
            }
            throw new AssertionError("no " + name + "= in " + message);
        }

        private static String hex(byte[] bytes) {
            StringBuilder hex = new StringBuilder();
            for (byte b : bytes) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        }

        @Override
        public String toString() {
            return clientFirst.size() + "/" + serverFirst.size() + "/" + clientFinal.size() + "/"
                    + serverFinal.size() + " SCRAM messages";
        }
    }
}
