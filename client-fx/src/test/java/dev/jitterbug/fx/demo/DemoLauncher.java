package dev.jitterbug.fx.demo;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.fx.chat.MessageItem;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyServer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.stage.Window;

/**
 * The quick-start demo: a real local Prosody with two accounts (alice, bob) and a room, a bot logged in as bob who
 * answers and says something every {@link #BOB_EVERY}, and the app signed in as alice. Run it with the command in
 * the README. Everything stays on 127.0.0.1 and in a temporary folder that is deleted when the app closes.
 *
 * <p>The app reaches Prosody through the demo's own loopback proxy, which its "Simulate" menu uses to inject faults
 * (bob talks to Prosody directly, so he keeps talking through them), and fetches its retry config over https from
 * the demo ({@link DemoRetryConfig}), trusting the demo's test authority.
 *
 * <p>{@code -Djitterbug.demo.quitWhenReady=true} (through {@code MAVEN_OPTS}: exec:java runs in Maven's JVM) makes
 * it an unattended check, as in {@code .ci/fresh-machine-check}: once the window shows alice online with a message
 * from bob in the room, it says so in one line and closes the app (exit 0); if that does not happen within
 * {@link #READY_LIMIT}, it exits 1.
 */
public final class DemoLauncher {
    private static final String QUIT_WHEN_READY = "jitterbug.demo.quitWhenReady";
    private static final Duration READY_LIMIT = Duration.ofMinutes(2);
    private static final Duration BOB_EVERY = Duration.ofSeconds(20);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Bob reconnects quickly too, so he is back soon after the simulated server restart. */
    private static final RetryConfig BOB_RETRIES = RetryConfig.builder().version("demo-bob").baseMillis(1_000)
            .capMillis(10_000).serverFailureSpreadMillis(1_000).blipRetryWindowMillis(1_000).build();

    private DemoLauncher() {
    }

    public static void main(String[] args) {
        ProsodyServer server = ProsodyServer.create().account("alice", "alice-demo").account("bob", "bob-demo");
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-prosody-stop"));
        Jid room = Jid.parse("lobby@" + server.mucDomain());

        LoopbackProxy proxy = new LoopbackProxy(server.httpPort());
        DemoRetryConfig config = DemoRetryConfig.start();
        DemoApp.use(new DemoFaults(proxy, server, DemoFaults.Timings.DEMO));

        JitterbugClient bob = JitterbugClient.create(ClientOptions.builder(Jid.parse(server.jid("bob")),
                "bob-demo".toCharArray()).endpoint(server.webSocketUri()).retryConfig(BOB_RETRIES).build());
        bob.addListener(new ClientListener() {
            private boolean greeted;

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                if (event.state().isOnline() && !greeted) {
                    greeted = true;
                    bob.sendRoomMessage(room, "Welcome to the Jitterbug demo! Say something and I will answer.");
                }
            }

            @Override
            public void onMessage(ChatMessage message) {
                if (!message.outgoing() && !message.delayed()) {
                    if (message.kind() == ChatMessage.Kind.GROUPCHAT) {
                        bob.sendRoomMessage(room, "bob heard: " + message.body());
                    } else {
                        bob.sendMessage(message.from(), "bob heard: " + message.body());
                    }
                }
            }
        });
        bob.joinRoom(room, "bob");
        bob.connect();
        ScheduledExecutorService bobTalks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-bob-talks");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger lines = new AtomicInteger();
        // Queued by bob's client while the server is down, like any message: the room shows the catch-up after.
        bobTalks.scheduleAtFixedRate(() -> bob.sendRoomMessage(room, "Still here: it is "
                + LocalTime.now().format(CLOCK) + " on my side (line " + lines.incrementAndGet() + ")."),
                BOB_EVERY.toMillis(), BOB_EVERY.toMillis(), TimeUnit.MILLISECONDS);

        System.out.println("Demo server: " + server.webSocketUri() + " (alice / alice-demo, bob / bob-demo)");
        System.out.println("Demo retry config: " + config.url() + "; the app connects through " + proxy);
        if (Boolean.getBoolean(QUIT_WHEN_READY)) {
            quitWhenReady(room, config);
        }
        Application.launch(DemoApp.class, "--account=" + server.jid("alice"), "--password=alice-demo",
                "--server=" + proxy.via(server.webSocketUri()), "--join=" + room,
                "--retry-config-url=" + config.url());
        bobTalks.shutdownNow();
        bob.close();
        proxy.close();
        config.close();
        server.close();
        System.exit(0);
    }

    /**
     * Watches the window (as a user would) until it shows alice online and bob's words in the room, and the app has
     * fetched the demo's retry config, then quits.
     */
    private static void quitWhenReady(Jid room, DemoRetryConfig config) {
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + READY_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (config.requests() > 0 && onFxThread(() -> windowShowsBobOnline(room))) {
                    System.out.println("demo: alice signed in, bob answered, Simulate is in the menu bar and the "
                            + "retry config was fetched; "
                            + "quitting (" + QUIT_WHEN_READY + ")");
                    Platform.exit(); // Application.launch returns, and main closes bob and the server
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.out.println("demo: alice was not online with bob's message and the Simulate menu (or the retry "
                    + "config was not fetched: "
                    + config.requests() + " requests) after " + READY_LIMIT.toSeconds()
                    + " s; failing (" + QUIT_WHEN_READY + ")");
            System.exit(1);
        }, "demo-quit-when-ready");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * The status chip says connected, the Simulate menu is there, and the open conversation is the room, with a line
     * from bob in it.
     */
    private static boolean windowShowsBobOnline(Jid room) {
        for (Window window : Window.getWindows()) {
            Scene scene = window.getScene();
            Node status = scene == null ? null : scene.lookup("#status-chip");
            Node messages = scene == null ? null : scene.lookup("#messages");
            if (status != null && status.getStyleClass().contains("status-kind-connected")
                    && scene.lookup("#menu") instanceof MenuBar bar
                    && bar.getMenus().stream().anyMatch(menu -> "simulate-menu".equals(menu.getId()))
                    && messages instanceof ListView<?> list && list.getItems() != null
                    && list.getItems().stream().anyMatch(item -> item instanceof MessageItem line
                            && !line.outgoing() && line.message().conversation().equals(room)
                            && "bob".equals(line.sender()))) {
                return true;
            }
        }
        return false;
    }

    /** Asks on the FX thread; false while the toolkit is not up yet, or if the question fails. */
    private static boolean onFxThread(BooleanSupplier question) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        try {
            Platform.runLater(() -> {
                try {
                    answer.complete(question.getAsBoolean());
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer.get(5, TimeUnit.SECONDS);
        } catch (IllegalStateException toolkitNotRunning) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
