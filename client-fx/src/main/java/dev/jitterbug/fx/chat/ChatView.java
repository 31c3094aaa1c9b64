package dev.jitterbug.fx.chat;

import dev.jitterbug.Jid;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The chat screen: conversations on the left, the selected conversation and the composer on the right. (The main
 * window puts the status chip under it.)
 */
public final class ChatView extends BorderPane {
    private final ChatViewModel model;
    private final ListView<MessageItem> messages = new ListView<>();
    private final DayLabels days = DayLabels.systemDefault();

    public ChatView(ChatViewModel model, Supplier<String> defaultNick) {
        this.model = model;
        getStyleClass().add("chat-view");

        ListView<ConversationViewModel> sidebar = new ListView<>(model.conversations());
        sidebar.setId("conversations");
        sidebar.setCellFactory(list -> new ConversationCell());
        sidebar.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });

        Label title = new Label();
        title.setId("conversation-title");
        title.getStyleClass().add("conversation-title");
        Button close = new Button();
        close.setId("leave-conversation");
        close.setGraphic(new FontIcon("fth-x"));
        close.getStyleClass().add("flat");
        close.setOnAction(e -> {
            ConversationViewModel current = model.selectedProperty().get();
            if (current != null) {
                model.close(current);
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(8, title, grow, close);
        header.setAlignment(Pos.CENTER_LEFT);
        header.visibleProperty().bind(model.selectedProperty().isNotNull());

        showSelected(sidebar, title, close, model.selectedProperty().get());
        model.selectedProperty().addListener((obs, old, now) -> showSelected(sidebar, title, close, now));

        TextField target = new TextField();
        target.setId("new-conversation");
        target.setPromptText("bob@example.org or room@conference.example.org");
        Button chat = new Button("Chat", new FontIcon("fth-user-plus"));
        chat.setId("start-chat");
        chat.setOnAction(e -> openTarget(target, false, defaultNick));
        Button join = new Button("Join room", new FontIcon("fth-hash"));
        join.setId("join-room");
        join.setOnAction(e -> openTarget(target, true, defaultNick));
        HBox actions = new HBox(6, chat, join);
        VBox left = new VBox(8, target, actions, sidebar);
        left.setPadding(new Insets(8));
        VBox.setVgrow(sidebar, Priority.ALWAYS);

        messages.setId("messages");
        messages.setCellFactory(list -> new MessageCell(days, model::openLink, model::sendAgain));

        TextArea composer = new TextArea();
        composer.setId("composer");
        composer.setPromptText("Write a message — Enter sends, Shift+Enter adds a line");
        composer.setPrefRowCount(2);
        composer.setWrapText(true);
        composer.textProperty().bindBidirectional(model.composerTextProperty());
        composer.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                event.consume();
                if (event.isShiftDown()) {
                    composer.insertText(composer.getCaretPosition(), "\n");
                } else {
                    model.send();
                }
            }
        });
        composer.disableProperty().bind(model.selectedProperty().isNull());

        VBox right = new VBox(6, header, messages, composer);
        right.setPadding(new Insets(8));
        VBox.setVgrow(messages, Priority.ALWAYS);

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.28);
        setCenter(split);
    }

    private void showSelected(ListView<ConversationViewModel> sidebar, Label title, Button close,
            ConversationViewModel now) {
        sidebar.getSelectionModel().select(now);
        messages.setItems(now == null ? null : now.messages());
        title.setText(now == null ? "" : now.title());
        close.setText(now == null ? "" : now.isRoom() ? "Leave room" : "Close chat");
        if (now != null && !now.messages().isEmpty()) {
            messages.scrollTo(now.messages().size() - 1);
        }
    }

    private void openTarget(TextField target, boolean room, Supplier<String> defaultNick) {
        String text = target.getText() == null ? "" : target.getText().trim();
        if (text.isEmpty()) {
            return;
        }
        try {
            Jid jid = Jid.parse(text);
            if (room) {
                model.joinRoom(jid, defaultNick.get());
            } else {
                model.startChat(jid);
            }
            target.clear();
        } catch (IllegalArgumentException e) {
            target.setPromptText(e.getMessage());
            target.clear();
        }
    }

    /** A room or chat in the sidebar: an icon, the name, and an unread badge when there is something new. */
    private static final class ConversationCell extends ListCell<ConversationViewModel> {
        private final FontIcon icon = new FontIcon();
        private final Label name = new Label();
        private final Label badge = new Label();
        private final HBox row;

        ConversationCell() {
            badge.getStyleClass().add("unread-badge");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            row = new HBox(6, icon, name, grow, badge);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ConversationViewModel item, boolean empty) {
            super.updateItem(item, empty);
            badge.textProperty().unbind();
            badge.visibleProperty().unbind();
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            icon.setIconLiteral(item.isRoom() ? "fth-hash" : "fth-user");
            name.setText(item.isRoom() ? item.jid().local() : item.jid().toString());
            badge.textProperty().bind(item.unreadProperty().asString());
            badge.visibleProperty().bind(item.unreadProperty().greaterThan(0));
            setGraphic(row);
        }
    }
}
