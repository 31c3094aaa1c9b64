package dev.jitterbug.fx.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.TransportKind;
import dev.jitterbug.fx.app.JitterbugApp;
import dev.jitterbug.fx.app.MainWindow;
import dev.jitterbug.fx.app.ShellModel;
import dev.jitterbug.fx.bridge.FxTimers;
import dev.jitterbug.fx.testing.FixedAccountOptions;
import dev.jitterbug.fx.testing.Screenshots;
import dev.jitterbug.fx.chat.MessageItem;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The walking skeleton, end to end: sign in through the UI against a real Prosody and chat with a core client. */
@ExtendWith(ApplicationExtension.class)
class LoginAndChatUiTest {
    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perClass()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final FxTimers timers = FxTimers.onFxThread();
    private TestClients clients;
    private ShellModel shell;

    @Start
    void start(Stage stage) {
        shell = JitterbugApp.createShell(background, timers,
                new FixedAccountOptions(FixedAccountOptions.quickRetries(1_500)));
        stage.setScene(MainWindow.createScene(shell));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        background.shutdownNow();
        timers.close();
    }

    @Test
    void anUnencryptedAddressForAnotherMachineIsRefusedOnTheFormUnlessTheInsecureBoxIsTicked(FxRobot robot) {
        CheckBox allow = robot.lookup("#allow-unencrypted").queryAs(CheckBox.class);
        Labeled warning = robot.lookup("#unencrypted-warning").queryLabeled();
        assertThat(allow.getText()).isEqualTo("Allow unencrypted connections for this account (insecure)");
        assertThat(allow.isSelected()).as("off by default").isFalse();
        assertThat(warning.isVisible()).isTrue();
        assertThat(warning.getText()).startsWith("Insecure: anyone on the network");

        robot.clickOn("#account").write("alice@example.org");
        robot.clickOn("#password").write("secret");
        robot.clickOn("#server").write("ws://chat.example.org/xmpp-websocket");
        robot.clickOn("#sign-in");
        await("the refusal under the server field").atMost(Duration.ofSeconds(5))
                .until(() -> robot.lookup("#server-error").queryLabeled().getText().startsWith(
                        "Jitterbug refuses to connect to chat.example.org without encryption"));
        assertThat(shell.login().busyProperty().get()).as("no connection attempt").isFalse();
        assertThat(shell.screenProperty().get()).isEqualTo(ShellModel.Screen.LOGIN);

        robot.clickOn("#allow-unencrypted");
        await("ticked").atMost(Duration.ofSeconds(5)).until(() -> shell.login().allowUnencryptedProperty().get());
        assertThat(warning.getStyleClass()).as("the warning turns loud").contains("field-error");
        Screenshots.save(allow.getScene(), "login-unencrypted-refused");
    }

    @Test
    void aliceSignsInThroughTheUiReceivesBobsMessageAndReplies(FxRobot robot) {
        ProsodyServer server = prosody.server();
        robot.clickOn("#account").write(server.jid("alice"));
        robot.clickOn("#password").write("alice-secret");
        robot.clickOn("#server").write(server.webSocketUri().toString());
        ChoiceBox<?> transport = robot.lookup("#transport").queryAs(ChoiceBox.class);
        assertThat(robot.lookup("#transport .label").queryLabeled().getText()).isEqualTo("Automatic");
        assertThat(transport.getValue()).as("automatic is no transport chosen").isNull();
        robot.clickOn("#transport").clickOn("WebSocket");
        await("WebSocket chosen").atMost(Duration.ofSeconds(5))
                .until(() -> shell.login().transportProperty().get() == TransportKind.WEBSOCKET);
        assertThat(robot.lookup("#status-chip").tryQuery()).as("no status on the login form").isEmpty();
        robot.clickOn("#sign-in");
        await("chat screen").atMost(Duration.ofSeconds(20))
                .until(() -> robot.lookup("#composer").tryQuery().isPresent());
        await("the window shows the status under the chat").atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#status-chip #status").tryQuery()
                        .map(status -> "Connected".equals(((Labeled) status).getText())).orElse(false));

        clients = new TestClients(server);
        RecordingListener bobEvents = new RecordingListener();
        JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).build(), bobEvents);
        bob.sendMessage(Jid.parse(server.jid("alice")), "hello alice");

        ListView<MessageItem> messages = robot.lookup("#messages").queryListView();
        await("bob's message rendered").atMost(Duration.ofSeconds(10))
                .until(() -> messages.getItems() != null
                        && messages.getItems().stream().anyMatch(m -> m.body().equals("hello alice")));
        await("rendered as a line of the conversation").atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#messages .list-cell").queryAll().stream()
                        .anyMatch(cell -> "bob@localhost: hello alice".equals(cell.getAccessibleText())));

        robot.clickOn("#composer").write("hi bob").type(KeyCode.ENTER);
        await("bob receives the reply").atMost(Duration.ofSeconds(10))
                .until(() -> bobEvents.bodies().contains("hi bob"));
        await("reply marked as confirmed by the server").atMost(Duration.ofSeconds(10))
                .until(() -> messages.getItems().stream()
                        .anyMatch(m -> m.body().equals("hi bob") && m.deliveryProperty().get() != null
                                && m.deliveryProperty().get().name().equals("ACKED")));
    }
}
