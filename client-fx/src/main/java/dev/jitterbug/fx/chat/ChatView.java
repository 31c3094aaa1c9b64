package dev.jitterbug.fx.chat;

import dev.jitterbug.DeliveryState;
import dev.jitterbug.Jid;
import dev.jitterbug.fx.status.StatusViewModel;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
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
import javafx.scene.layout.VBox;

/** The main window: conversations on the left, the selected conversation and the composer on the right. */
public final class ChatView extends BorderPane {
    private final ChatViewModel model;
    private final ListView<MessageItem> messages = new ListView<>();

    public ChatView(ChatViewModel model, StatusViewModel status, Supplier<String> defaultNick) {
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
        model.selectedProperty().addListener((obs, old, now) -> {
            sidebar.getSelectionModel().select(now);
            messages.setItems(now == null ? null : now.messages());
            if (now != null && !now.messages().isEmpty()) {
                messages.scrollTo(now.messages().size() - 1);
            }
        });

        TextField target = new TextField();
        target.setId("new-conversation");
        target.setPromptText("bob@example.org or room@conference.example.org");
        Button chat = new Button("Chat");
        chat.setId("start-chat");
        chat.setOnAction(e -> openTarget(target, false, defaultNick));
        Button join = new Button("Join room");
        join.setId("join-room");
        join.setOnAction(e -> openTarget(target, true, defaultNick));
        HBox actions = new HBox(6, chat, join);
        VBox left = new VBox(8, target, actions, sidebar);
        left.setPadding(new Insets(8));
        VBox.setVgrow(sidebar, Priority.ALWAYS);

        messages.setId("messages");
        messages.setCellFactory(list -> new MessageCell());

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

        Label statusLine = new Label();
        statusLine.setId("status");
        statusLine.getStyleClass().add("status-line");
        statusLine.textProperty().bind(status.textProperty());

        VBox right = new VBox(6, messages, composer);
        right.setPadding(new Insets(8));
        VBox.setVgrow(messages, Priority.ALWAYS);

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.28);
        setCenter(split);
        setBottom(statusLine);
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

    private static final class ConversationCell extends ListCell<ConversationViewModel> {
        @Override
        protected void updateItem(ConversationViewModel item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            if (empty || item == null) {
                setText(null);
            } else {
                textProperty().bind(Bindings.createStringBinding(
                        () -> item.title() + (item.unreadProperty().get() > 0
                                ? "  (" + item.unreadProperty().get() + ")" : ""),
                        item.unreadProperty()));
            }
        }
    }

    /** A message line; our own show their delivery state. Cells are recycled, so bindings are redone each time. */
    private static final class MessageCell extends ListCell<MessageItem> {
        @Override
        protected void updateItem(MessageItem item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            getStyleClass().remove("own");
            if (empty || item == null) {
                setText(null);
                return;
            }
            if (item.outgoing()) {
                getStyleClass().add("own");
                textProperty().bind(Bindings.createStringBinding(
                        () -> item.sender() + ": " + item.body() + "  " + label(item.deliveryProperty().get()),
                        item.deliveryProperty()));
            } else {
                setText(item.sender() + ": " + item.body());
            }
        }

        private static String label(DeliveryState state) {
            if (state == null) {
                return "";
            }
            return switch (state) {
                case QUEUED -> "· queued";
                case SENT -> "· sent";
                case ACKED -> "✓";
                case FAILED -> "· failed";
            };
        }
    }
}
