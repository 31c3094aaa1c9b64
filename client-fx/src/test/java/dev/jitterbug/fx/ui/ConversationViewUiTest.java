package dev.jitterbug.fx.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.jitterbug.ChatMessage;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.fx.chat.ChatView;
import dev.jitterbug.fx.chat.ChatViewModel;
import dev.jitterbug.fx.chat.MessageItem;
import dev.jitterbug.fx.testing.Screenshots;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A busy room as alice sees it, fed by a fake core: names and avatars once per group, the time on every message,
 * ours on the right with a delivery icon that changes in place and explains itself in a tooltip, clickable links.
 */
@ExtendWith(ApplicationExtension.class)
class ConversationViewUiTest {
    private static final Jid ME = Jid.parse("alice@example.org");
    private static final Jid ROOM = Jid.parse("lobby@conference.example.org");
    private static final long START = System.currentTimeMillis() - 30 * 60_000L;

    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
    private ChatViewModel chat;
    private Scene scene;

    @Start
    void start(Stage stage) {
        chat = new ChatViewModel(new ChatViewModel.Sender() {
            @Override
            public OutgoingMessage sendMessage(Jid to, String body) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OutgoingMessage sendRoomMessage(Jid room, String body) {
                OutgoingMessage queued = new OutgoingMessage(new ChatMessage("s" + sent.size(), "mine" + sent.size(),
                        null, ME, room, body, ChatMessage.Kind.GROUPCHAT, System.currentTimeMillis(), true, false),
                        DeliveryState.QUEUED, null);
                sent.add(queued);
                return queued;
            }

            @Override
            public void joinRoom(Jid room, String nick) {
            }

            @Override
            public void leaveRoom(Jid room) {
            }
        });
        chat.setLinkOpener(opened::add);
        chat.joinRoom(ROOM, "alice");
        incoming("bob", "Morning all!", 0);
        incoming("bob", "The release notes are at https://example.org/notes — have a look", 1);
        incoming("carol", "Thanks bob.\nTwo lines,\nthree even.", 2);
        incoming("carol", "One more thing", 3);
        incoming("bob", "Back after lunch", 15);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        scene = new Scene(new ChatView(chat, () -> "alice"), 960, 640);
        scene.getStylesheets().add(getClass().getResource("/dev/jitterbug/fx/jitterbug.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void groupsShowTheSenderOnceAndOurMessagesCarryTheirDeliveryState(FxRobot robot) {
        robot.clickOn("#composer").write("first of mine");
        robot.interact(chat::send);
        robot.clickOn("#composer").write("second of mine");
        robot.interact(chat::send);
        await("both of ours shown").atMost(Duration.ofSeconds(10))
                .until(() -> cell(robot, "You: second of mine") != null);

        // Grouping: bob's second message continues his group (no name, no avatar); carol's first starts hers.
        assertThat(fx(() -> shows(robot, "bob: Morning all!", ".message-sender"))).isTrue();
        assertThat(fx(() -> shows(robot, "bob: Morning all!", ".avatar"))).isTrue();
        assertThat(fx(() -> shows(robot, "bob: The release notes", ".message-sender"))).isFalse();
        assertThat(fx(() -> shows(robot, "bob: The release notes", ".avatar"))).isFalse();
        assertThat(fx(() -> shows(robot, "carol: Thanks bob.", ".message-sender"))).isTrue();
        assertThat(fx(() -> shows(robot, "carol: One more thing", ".avatar"))).isFalse();
        assertThat(fx(() -> shows(robot, "bob: Back after lunch", ".message-sender")))
                .as("twelve minutes later bob starts a new group").isTrue();
        assertThat(fx(() -> ((Label) cell(robot, "bob: Morning all!").lookup(".avatar")).getText())).isEqualTo("B");
        assertThat(fx(() -> ((Label) cell(robot, "bob: Morning all!").lookup(".message-time")).getText()))
                .matches("\\d\\d:\\d\\d");
        assertThat(fx(() -> shows(robot, "You: first of mine", ".avatar"))).as("ours have no avatar").isFalse();

        // Delivery: queued now, with an icon that says so on hover; it changes in place as the core reports.
        Label delivery = fx(() -> (Label) cell(robot, "You: first of mine").lookup(".delivery"));
        assertThat(fx(() -> delivery.getStyleClass().contains("delivery-queued"))).isTrue();
        assertThat(fx(() -> delivery.getTooltip().getText())).startsWith("Queued: not sent yet");
        robot.interact(() -> chat.onDelivery(sent.get(0).withState(DeliveryState.ACKED, null)));
        await("the icon turns to confirmed").atMost(Duration.ofSeconds(5)).until(() -> fx(() ->
                ((Label) cell(robot, "You: first of mine").lookup(".delivery")).getStyleClass()
                        .contains("delivery-acked")));
        robot.interact(() -> chat.onDelivery(sent.get(1).withState(DeliveryState.FAILED, "the room is gone")));
        await("the failure and its reason").atMost(Duration.ofSeconds(5)).until(() -> fx(() ->
                cell(robot, "You: second of mine — Not delivered: the room is gone") != null));
        Label failed = fx(() -> (Label) cell(robot, "You: second of mine").lookup(".delivery"));
        assertThat(fx(() -> failed.getTooltip().getText()))
                .isEqualTo("Not delivered: the room is gone. \"Send again\" sends it as a new message.");
        assertThat(fx(() -> shows(robot, "You: second of mine", ".send-again"))).isTrue();
        assertThat(fx(() -> shows(robot, "You: first of mine", ".send-again"))).as("only on a failed one").isFalse();
        robot.moveTo(failed);
        await("the tooltip shows on hover").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> failed.getTooltip().isShowing()));

        Screenshots.save(scene, "busy-room");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, "busy-room-dark");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));

        // One click sends the failed text again, as a new message that takes the failed one's place.
        robot.clickOn(fx(() -> cell(robot, "You: second of mine").lookup(".send-again")));
        await("sent again, queued").atMost(Duration.ofSeconds(5))
                .until(() -> fx(() -> cell(robot, "You: second of mine — Queued") != null));
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).message().body()).isEqualTo("second of mine");
        assertThat(fx(() -> chat.selectedProperty().get().messages().stream()
                .filter(m -> m.body().equals("second of mine")).count())).as("in place of the failed one").isEqualTo(1L);
    }

    @Test
    void aLinkInAMessageOpensThroughTheAppAndMultiLineTextStays(FxRobot robot) {
        Node notes = fx(() -> cell(robot, "bob: The release notes"));
        Hyperlink link = fx(() -> (Hyperlink) notes.lookup(".hyperlink"));
        assertThat(link.getText()).isEqualTo("https://example.org/notes");
        robot.clickOn(link);
        await("the link went to the opener").atMost(Duration.ofSeconds(5))
                .until(() -> opened.equals(List.of("https://example.org/notes")));
        assertThat(fx(() -> cell(robot, "carol: Thanks bob.\nTwo lines,\nthree even.").lookup(".message-body")
                .getBoundsInLocal().getHeight()))
                .as("three lines are taller than one")
                .isGreaterThan(fx(() -> cell(robot, "carol: One more thing").lookup(".message-body")
                        .getBoundsInLocal().getHeight()) * 2);
    }

    private void incoming(String nick, String body, int minutes) {
        chat.onMessage(new ChatMessage("in-" + body.hashCode(), "o-" + body.hashCode(), null, ROOM.withResource(nick),
                ME, body, ChatMessage.Kind.GROUPCHAT, START + minutes * 60_000L, false, false));
    }

    /** The visible cell whose spoken text starts with these words, or null. */
    private static Node cell(FxRobot robot, String startOfText) {
        ListView<MessageItem> list = robot.lookup("#messages").queryListView();
        return list.lookupAll(".message-cell").stream()
                .filter(c -> c.getAccessibleText() != null && c.getAccessibleText().startsWith(startOfText))
                .findFirst().orElse(null);
    }

    private static boolean shows(FxRobot robot, String startOfText, String part) {
        Node found = cell(robot, startOfText).lookup(part);
        return found != null && found.isVisible();
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading UI state failed", e);
        }
    }
}
