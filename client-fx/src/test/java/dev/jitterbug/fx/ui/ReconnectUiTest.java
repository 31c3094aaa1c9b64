package dev.jitterbug.fx.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.DeliveryState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.fx.app.JitterbugApp;
import dev.jitterbug.fx.app.MainWindow;
import dev.jitterbug.fx.app.ShellModel;
import dev.jitterbug.fx.bridge.FxTimers;
import dev.jitterbug.fx.chat.ConversationViewModel;
import dev.jitterbug.fx.chat.MessageItem;
import dev.jitterbug.fx.testing.FixedAccountOptions;
import dev.jitterbug.fx.testing.Screenshots;
import dev.jitterbug.fx.testing.WatchedTimers;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The point of the product, through the UI against a real Prosody: a room conversation with a second client, a
 * server killed while alice types (the status counts down, nothing pops up, focus and text stay, a message sent
 * meanwhile is queued and delivered once after the restart), and blips below the quiet threshold that show nothing.
 */
@ExtendWith(ApplicationExtension.class)
class ReconnectUiTest {
    private static final long QUIET_MILLIS = 1_500;
    /**
     * Waits of 3-5 s after the first spread-out attempt: short enough for a quick test, long enough that the robot
     * can see and click "Retry now" before the wait ends on its own (with 0.5-2 s waits it sometimes vanished first).
     */
    private static final RetryConfig QUICK = RetryConfig.builder().version("ui-test-reconnect").baseMillis(3_000)
            .capMillis(5_000).serverFailureSpreadMillis(1_000).blipRetryWindowMillis(100)
            .statusQuietMillis(QUIET_MILLIS).build();

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final FxTimers fxTimers = FxTimers.onFxThread();
    private final WatchedTimers timers = new WatchedTimers(fxTimers);
    private final List<String> statusTexts = new CopyOnWriteArrayList<>();
    private ShellModel shell;
    private Stage stage;
    private TestClients clients;
    private LoopbackProxy proxy;

    @Start
    void start(Stage primary) {
        stage = primary;
        shell = JitterbugApp.createShell(background, timers, new FixedAccountOptions(QUICK));
        shell.status().textProperty().addListener((obs, old, now) -> statusTexts.add(now));
        primary.setScene(MainWindow.createScene(shell));
        primary.show();
    }

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        background.shutdownNow();
        fxTimers.close();
    }

    @Test
    void roomChatSurvivesAServerKilledWhileAliceTypes(FxRobot robot) {
        ProsodyServer server = prosody.server();
        Jid room = Jid.parse("lobby@" + server.mucDomain());
        signInAsAlice(robot, server.webSocketUri(), "login");

        clients = new TestClients(server);
        RecordingListener bobEvents = new RecordingListener();
        JitterbugClient bob = clients.start(clients.options("bob", server.webSocketUri()).retryConfig(QUICK).build(),
                bobEvents);
        bob.joinRoom(room, "bob");
        bobEvents.awaitOnline();

        robot.clickOn("#new-conversation").write(room.toString());
        robot.clickOn("#join-room");
        await("alice's room is selected").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> selected() != null && selected().jid().equals(room)));
        bob.sendRoomMessage(room, "hello room");
        await("bob's room message rendered").atMost(Duration.ofSeconds(15))
                .until(() -> cellTexts(robot).contains("bob: hello room"));
        robot.clickOn("#composer").write("hi all").type(KeyCode.ENTER);
        await("bob hears alice").atMost(Duration.ofSeconds(10)).until(() -> bobEvents.bodies().contains("hi all"));
        await("alice's message confirmed").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> deliveryOf("hi all") == DeliveryState.ACKED));
        Screenshots.save(stage.getScene(), "room");
        robot.interact(() -> shell.darkThemeProperty().set(true));
        Screenshots.save(stage.getScene(), "room-dark");
        robot.interact(() -> shell.darkThemeProperty().set(false));

        // Alice is typing when the server dies.
        robot.clickOn("#composer").write("still typing");
        List<Window> windowsBefore = fx(() -> new ArrayList<>(Window.getWindows()));
        statusTexts.clear();
        server.kill();

        // Past the first, spread-out attempt, a wait of at least 3 s leaves time to look and click.
        await("the status counts down to the next attempt").atMost(Duration.ofSeconds(20))
                .until(() -> fx(() -> shell.status().textProperty().get()
                        .matches("Reconnecting in [3-9] s \\(attempt \\d+\\)")
                        && robot.lookup("#retry-now").query().isVisible()));
        Screenshots.save(stage.getScene(), "reconnecting");
        TextArea composer = robot.lookup("#composer").queryAs(TextArea.class);
        assertThat(fx(() -> new ArrayList<>(Window.getWindows()))).as("no dialog or other window appeared")
                .isEqualTo(windowsBefore);
        assertThat(fx(() -> stage.getScene().getFocusOwner())).as("focus stays in the composer").isSameAs(composer);
        assertThat(ReconnectUiTest.<String>fx(composer::getText)).as("the typed text stays").isEqualTo("still typing");
        assertThat(robot.lookup("#retry-now").query().isVisible()).as("Retry now is offered").isTrue();
        int attemptsBefore = fx(() -> attempts());
        robot.clickOn("#retry-now");
        await("an attempt follows (the short test waits may expire on their own too)").atMost(Duration.ofSeconds(5))
                .until(() -> fx(() -> attempts()) > attemptsBefore);
        assertThat(fx(() -> stage.getScene().getFocusOwner())).as("clicking Retry now leaves focus in the composer")
                .isSameAs(composer);

        // Sending now queues the message; the status says it will go out.
        robot.type(KeyCode.ENTER);
        await("the message shows as queued").atMost(Duration.ofSeconds(5))
                .until(() -> cellTexts(robot).stream().anyMatch(t -> t != null && t.startsWith("You: still typing — Queued")));
        await("the status counts it").atMost(Duration.ofSeconds(5))
                .until(() -> fx(() -> shell.status().textProperty().get()).endsWith("1 message will be sent when back"));
        assertThat(fx(() -> stage.getScene().getFocusOwner())).isSameAs(composer);
        assertThat(statusTexts).as("the outage was shown, never anything modal").isNotEmpty();

        server.start();
        await("delivered and confirmed after the restart").atMost(Duration.ofSeconds(30))
                .until(() -> fx(() -> deliveryOf("still typing") == DeliveryState.ACKED));
        await("status back to connected").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> shell.status().textProperty().get()).equals("Connected"));
        await("bob has it").atMost(Duration.ofSeconds(30)).until(() -> bobEvents.bodies().contains("still typing"));

        // A later message is a marker: once bob has it, any copy of the earlier one would have arrived before it.
        robot.clickOn("#composer").write("marker").type(KeyCode.ENTER);
        await("bob hears the marker").atMost(Duration.ofSeconds(15)).until(() -> bobEvents.bodies().contains("marker"));
        assertThat(Collections.frequency(bobEvents.bodies(), "still typing")).as("bob got it once").isEqualTo(1);
        assertThat(fx(() -> countOf("still typing"))).as("alice's view shows it once").isEqualTo(1);
        assertThat(fx(() -> countOf("hello room"))).as("no duplicate of earlier messages").isEqualTo(1);

        Stage diagnostics = fx(() -> MainWindow.openDiagnostics(shell, stage));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(diagnostics.getScene(), "diagnostics");
        assertThat(fx(() -> shell.diagnostics().timeline().size())).isGreaterThan(4);
        assertThat(robot.lookup("#session-summary").queryAs(Labeled.class).getText()).contains("round trips");
    }

    @Test
    void aBlipBelowTheQuietThresholdShowsNothingAndALongerOutageDoes(FxRobot robot) {
        ProsodyServer server = prosody.server();
        proxy = new LoopbackProxy(server.httpPort());
        signInAsAlice(robot, proxy.via(server.webSocketUri()), null);
        robot.clickOn("#new-conversation").write(server.jid("bob"));
        robot.clickOn("#start-chat");
        robot.clickOn("#composer").write("draft");
        WaitForAsyncUtils.waitForFxEvents();
        int connectionsBefore = proxy.connections();
        statusTexts.clear();

        proxy.cutAll(); // the link drops; the server keeps the session, so it resumes within a few hundred ms
        await("alice reconnected through the proxy").atMost(Duration.ofSeconds(10))
                .until(() -> proxy.connections() > connectionsBefore);
        await("the session is back").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> shell.diagnostics().timeline().get(shell.diagnostics().timeline().size() - 1)
                        .state().isOnline()));
        // The status line held the blip back in its quiet window; once that timer is settled (cancelled because the
        // session came back, or run) anything held back would show.
        await("the quiet window settled").atMost(Duration.ofSeconds(30)).until(() -> timers.pending() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(statusTexts).as("a blip changes nothing").isEmpty();
        assertThat(fx(() -> shell.status().textProperty().get())).isEqualTo("Connected");

        proxy.refuse(true);
        proxy.cutAll(); // now the link stays down longer than the threshold
        await("a longer outage is shown").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> shell.status().textProperty().get()).startsWith("Reconnecting"));
        proxy.refuse(false);
        await("back to connected").atMost(Duration.ofSeconds(20))
                .until(() -> fx(() -> shell.status().textProperty().get()).equals("Connected"));
        TextArea composer = robot.lookup("#composer").queryAs(TextArea.class);
        assertThat(ReconnectUiTest.<String>fx(composer::getText)).isEqualTo("draft");
        assertThat(fx(() -> stage.getScene().getFocusOwner())).isSameAs(composer);
    }

    private void signInAsAlice(FxRobot robot, URI endpoint, String screenshot) {
        robot.clickOn("#account").write(prosody.server().jid("alice"));
        robot.clickOn("#password").write("alice-secret");
        robot.clickOn("#server").write(endpoint.toString());
        if (screenshot != null) {
            Screenshots.save(stage.getScene(), screenshot);
        }
        robot.clickOn("#sign-in");
        await("chat screen").atMost(Duration.ofSeconds(20))
                .until(() -> robot.lookup("#composer").tryQuery().isPresent());
    }

    /** Connection attempts started so far, from the diagnostics timeline. */
    private int attempts() {
        return (int) shell.diagnostics().timeline().stream()
                .filter(e -> e.state() == dev.jitterbug.ConnectionState.CONNECTING).count();
    }

    private ConversationViewModel selected() {
        return shell.chat().selectedProperty().get();
    }

    private DeliveryState deliveryOf(String body) {
        for (MessageItem item : selected().messages()) {
            if (item.outgoing() && item.body().equals(body)) {
                return item.deliveryProperty().get();
            }
        }
        return null;
    }

    private long countOf(String body) {
        return selected().messages().stream().filter(m -> m.body().equals(body)).count();
    }

    private static List<String> cellTexts(FxRobot robot) {
        return fx(() -> {
            List<String> texts = new ArrayList<>();
            for (Node cell : robot.lookup("#messages .list-cell").queryAll()) {
                texts.add(cell.getAccessibleText());
            }
            return texts;
        });
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading UI state failed", e);
        }
    }
}
