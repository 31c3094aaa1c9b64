package dev.jitterbug.fx.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.fx.app.AppInfo;
import dev.jitterbug.fx.app.JitterbugApp;
import dev.jitterbug.fx.app.MainWindow;
import dev.jitterbug.fx.app.ShellModel;
import dev.jitterbug.fx.bridge.FxTimers;
import dev.jitterbug.fx.testing.FixedAccountOptions;
import dev.jitterbug.fx.testing.Screenshots;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The account menu against a real Prosody: sign out goes back to the login form with the session gone from the
 * server and the unsent text kept for the account's return; About opens beside the chat (no dialog, no focus
 * change) and Esc closes it; Shift+Enter adds a line and Enter sends.
 */
@ExtendWith(ApplicationExtension.class)
class AccountMenuUiTest {
    private static final Pattern SESSIONS = Pattern.compile("alice-sessions=(\\d+)");

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final FxTimers timers = FxTimers.onFxThread();
    private TestClients clients;
    private ShellModel shell;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
        shell = JitterbugApp.createShell(background, timers,
                new FixedAccountOptions(FixedAccountOptions.quickRetries(1_500)));
        primary.setScene(MainWindow.createScene(shell));
        primary.show();
    }

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        fx(() -> {
            shell.signOut(); // the app's client closes too
            return null;
        });
        background.shutdownNow();
        timers.close();
    }

    @Test
    void signingOutReturnsToTheLoginFormAndTheDraftIsThereWhenAliceComesBack(FxRobot robot) {
        ProsodyServer server = prosody.server();
        signIn(robot, true);
        assertThat(aliceSessions(server)).isEqualTo(1);
        robot.clickOn("#new-conversation").write(server.jid("bob"));
        robot.clickOn("#start-chat");
        robot.clickOn("#composer").write("half a thought");

        robot.clickOn("#account-menu").clickOn("#sign-out");
        await("the login form").atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#sign-in").tryQuery().isPresent());
        assertThat(robot.lookup("#composer").tryQuery()).isEmpty();
        assertThat(robot.lookup("#status-chip").tryQuery()).as("no status on the login form").isEmpty();
        await("alice's session is gone from the server").atMost(Duration.ofSeconds(30))
                .until(() -> aliceSessions(server) == 0);
        assertThat(fx(() -> robot.lookup("#account").queryTextInputControl().getText()))
                .as("the address stays filled in").isEqualTo(server.jid("alice"));

        signIn(robot, false);
        TextArea composer = robot.lookup("#composer").queryAs(TextArea.class);
        assertThat(AccountMenuUiTest.<String>fx(composer::getText)).as("the draft is back").isEqualTo("half a thought");
        assertThat(fx(() -> shell.chat().selectedProperty().get().jid()))
                .isEqualTo(Jid.parse(server.jid("bob")));
    }

    @Test
    void aboutOpensBesideTheChatAndEscClosesItWhileShiftEnterAddsALineAndEnterSends(FxRobot robot) {
        ProsodyServer server = prosody.server();
        clients = new TestClients(server);
        RecordingListener bobEvents = new RecordingListener();
        JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).build(), bobEvents);
        signIn(robot, true);
        robot.clickOn("#new-conversation").write(bob.jid().toString());
        robot.clickOn("#start-chat");
        robot.clickOn("#composer").write("line one");
        List<Window> windowsBefore = fx(() -> new ArrayList<>(Window.getWindows()));
        TextArea composer = robot.lookup("#composer").queryAs(TextArea.class);

        robot.clickOn("#account-menu").clickOn("#about");
        await("the about panel").atMost(Duration.ofSeconds(5))
                .until(() -> robot.lookup("#about-panel").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(robot.lookup("#about-version").queryAs(Labeled.class).getText())
                .isEqualTo("Version " + AppInfo.version());
        assertThat(robot.lookup("#about-licence").queryAs(Labeled.class).getText())
                .isEqualTo("Licence: Apache License 2.0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> new ArrayList<>(Window.getWindows()))).as("no dialog, no other window")
                .isEqualTo(windowsBefore);
        assertThat(fx(() -> stage.getScene().getFocusOwner())).as("focus stays in the composer").isSameAs(composer);
        Screenshots.save(stage.getScene(), "about-panel");

        robot.type(KeyCode.ESCAPE);
        await("Esc closes it").atMost(Duration.ofSeconds(5))
                .until(() -> robot.lookup("#about-panel").tryQuery().isEmpty());
        assertThat(AccountMenuUiTest.<String>fx(composer::getText)).as("Esc leaves the text alone").isEqualTo("line one");

        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("line two");
        assertThat(AccountMenuUiTest.<String>fx(composer::getText)).isEqualTo("line one\nline two");
        robot.type(KeyCode.ENTER);
        await("bob gets both lines in one message").atMost(Duration.ofSeconds(15))
                .until(() -> bobEvents.bodies().contains("line one\nline two"));
        assertThat(AccountMenuUiTest.<String>fx(composer::getText)).isEmpty();
    }

    private void signIn(FxRobot robot, boolean typeAccount) {
        ProsodyServer server = prosody.server();
        if (typeAccount) {
            robot.clickOn("#account").write(server.jid("alice"));
            robot.clickOn("#server").write(server.webSocketUri().toString());
        }
        robot.clickOn("#password").write("alice-secret");
        robot.clickOn("#sign-in");
        await("chat screen").atMost(Duration.ofSeconds(20))
                .until(() -> robot.lookup("#composer").tryQuery().isPresent());
    }

    /** Alice's sessions on the server, as its admin shell counts them (a hibernating one counts too). */
    private static int aliceSessions(ProsodyServer server) {
        String out = server.adminShell("(function() local n = 0; for jid in pairs(prosody.full_sessions) do "
                + "if jid:match('^alice@') then n = n + 1 end end; return 'alice-sessions=' .. n end)()");
        Matcher matcher = SESSIONS.matcher(out);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected admin shell output: " + out);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading UI state failed", e);
        }
    }
}
