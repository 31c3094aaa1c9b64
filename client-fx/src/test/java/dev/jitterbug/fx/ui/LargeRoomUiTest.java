package dev.jitterbug.fx.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.fx.chat.ChatView;
import dev.jitterbug.fx.chat.ChatViewModel;
import dev.jitterbug.fx.chat.MessageItem;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A room with 50,000 messages renders, and only the visible rows become cells (the list is virtualised). */
@ExtendWith(ApplicationExtension.class)
class LargeRoomUiTest {
    private static final Jid ME = Jid.parse("alice@example.org");
    private static final Jid ROOM = Jid.parse("big@conference.example.org");
    private static final int MESSAGES = 50_000;

    @Start
    void start(Stage stage) {
        ChatViewModel chat = new ChatViewModel(new ChatViewModel.Sender() {
            @Override
            public OutgoingMessage sendMessage(Jid to, String body) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OutgoingMessage sendRoomMessage(Jid room, String body) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void joinRoom(Jid room, String nick) {
            }

            @Override
            public void leaveRoom(Jid room) {
            }
        });
        long start = 1_767_225_600_000L;
        for (int i = 0; i < MESSAGES; i++) {
            chat.onMessage(new ChatMessage("id" + i, "origin" + i, null, ROOM.withResource("bob"), ME, "message " + i,
                    ChatMessage.Kind.GROUPCHAT, start + i * 60_000L, false, false));
        }
        stage.setScene(new Scene(new ChatView(chat, () -> "alice"), 960, 640));
        stage.show();
    }

    @Test
    void rendersTheNewestMessagesOfAHugeRoomWithAFewCells(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        ListView<MessageItem> list = robot.lookup("#messages").queryListView();
        assertThat(list.getItems()).hasSize(MESSAGES);

        Set<Node> cells = robot.lookup("#messages .list-cell").queryAll();
        assertThat(cells.size()).as("cells exist only for visible rows").isLessThan(100);
        assertThat(texts(cells)).contains("bob: message 49999");

        robot.interact(() -> list.scrollTo(25_000));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts(robot.lookup("#messages .list-cell").queryAll())).contains("bob: message 25000");
    }

    private static List<String> texts(Set<Node> cells) {
        return cells.stream().map(Node::getAccessibleText).filter(t -> t != null).toList();
    }
}
