package dev.jitterbug.fx.demo;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.fx.app.JitterbugApp;
import dev.jitterbug.fx.chat.MessageItem;
import dev.jitterbug.testing.ProsodyServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Window;

/**
 * The quick-start demo: a real local Prosody with two accounts (alice, bob) and a room, a bot logged in as bob who
 * answers, and the app signed in as alice. Run it with the command in the README. Everything stays on 127.0.0.1 and
 * in a temporary folder that is deleted when the app closes.
 *
 * <p>{@code -Djitterbug.demo.quitWhenReady=true} (through {@code MAVEN_OPTS}: exec:java runs in Maven's JVM) makes
 * it an unattended check, as in {@code .ci/fresh-machine-check}: once the window shows alice online with a message
 * from bob in the room, it says so in one line and closes the app (exit 0); if that does not happen within
 * {@link #READY_LIMIT}, it exits 1.
 */
public final class DemoLauncher {
    private static final String QUIT_WHEN_READY = "jitterbug.demo.quitWhenReady";
    private static final Duration READY_LIMIT = Duration.ofMinutes(2);

    private DemoLauncher() {
    }

    public static void main(String[] args) {
        ProsodyServer server = ProsodyServer.create().account("alice", "alice-demo").account("bob", "bob-demo");
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-prosody-stop"));
        Jid room = Jid.parse("lobby@" + server.mucDomain());

        JitterbugClient bob = JitterbugClient.create(ClientOptions.builder(Jid.parse(server.jid("bob")),
                "bob-demo".toCharArray()).endpoint(server.webSocketUri()).build());
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

        System.out.println("Demo server: " + server.webSocketUri() + " (alice / alice-demo, bob / bob-demo)");
        if (Boolean.getBoolean(QUIT_WHEN_READY)) {
            quitWhenReady(room);
        }
        Application.launch(JitterbugApp.class, "--account=" + server.jid("alice"), "--password=alice-demo",
                "--server=" + server.webSocketUri(), "--join=" + room);
        bob.close();
        server.close();
        System.exit(0);
    }

    /** Watches the window (as a user would) until it shows alice online and bob's words in the room, then quits. */
    private static void quitWhenReady(Jid room) {
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + READY_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (onFxThread(() -> windowShowsBobOnline(room))) {
                    System.out.println("demo: alice signed in and bob answered; quitting (" + QUIT_WHEN_READY + ")");
                    Platform.exit(); // Application.launch returns, and main closes bob and the server
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.out.println("demo: alice was not online with bob's message after " + READY_LIMIT.toSeconds()
                    + " s; failing (" + QUIT_WHEN_READY + ")");
            System.exit(1);
        }, "demo-quit-when-ready");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The status chip says connected and the open conversation is the room, with a line from bob in it. */
    private static boolean windowShowsBobOnline(Jid room) {
        for (Window window : Window.getWindows()) {
            Scene scene = window.getScene();
            Node status = scene == null ? null : scene.lookup("#status-chip");
            Node messages = scene == null ? null : scene.lookup("#messages");
            if (status != null && status.getStyleClass().contains("status-kind-connected")
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
