package dev.jitterbug.fx.chat;

import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One message in the list: others' on the left with an avatar and their name, ours on the right in a tinted bubble
 * with a delivery icon that explains itself on hover. A message that continues its sender's group (see
 * {@link MessageGrouping}) leaves out the name and avatar; a day separator sits above the first message of each day.
 * Cells are recycled (the list is virtualised), so everything is redone in {@link #updateItem}.
 */
final class MessageCell extends ListCell<MessageItem> {
    private final DayLabels days;
    private final MessageGrouping grouping;
    private final Consumer<String> openLink;
    private final Label separator = new Label();
    private final Label avatar = new Label();
    private final Label name = new Label();
    private final TextFlow body = new TextFlow();
    private final Label time = new Label();
    private final Label delivery = new Label();
    private final Hyperlink sendAgain = new Hyperlink("Send again");
    private final Tooltip deliveryTip = new Tooltip();
    private final Tooltip timeTip = new Tooltip();
    private final Region push = new Region();
    private final VBox bubble;
    private final HBox row;
    private final VBox content;
    private final InvalidationListener deliveryChanged = obs -> showDelivery();

    /**
     * @param openLink what a click on a link in a message does
     * @param resend what "Send again" on a failed message of ours does
     */
    MessageCell(DayLabels days, Consumer<String> openLink, Consumer<MessageItem> resend) {
        this.days = days;
        this.grouping = new MessageGrouping(days);
        this.openLink = openLink;
        getStyleClass().add("message-cell");
        separator.getStyleClass().add("day-separator");
        separator.setMaxWidth(Double.MAX_VALUE);
        avatar.getStyleClass().add("avatar");
        avatar.setMinSize(32, 32);
        avatar.setPrefSize(32, 32);
        avatar.setMaxSize(32, 32);
        avatar.setAlignment(Pos.CENTER);
        name.getStyleClass().add("message-sender");
        body.getStyleClass().add("message-body");
        time.getStyleClass().add("message-time");
        time.setTooltip(timeTip);
        delivery.getStyleClass().add("delivery");
        delivery.setTooltip(deliveryTip);
        deliveryTip.setShowDelay(Duration.millis(300));
        sendAgain.getStyleClass().add("send-again");
        sendAgain.setFocusTraversable(false);
        sendAgain.setOnAction(e -> {
            if (getItem() != null) {
                resend.accept(getItem());
            }
        });
        HBox meta = new HBox(4, sendAgain, time, delivery);
        meta.setAlignment(Pos.CENTER_RIGHT);
        bubble = new VBox(2, name, body, meta);
        bubble.getStyleClass().add("message-bubble");
        HBox.setHgrow(push, Priority.ALWAYS);
        row = new HBox(8);
        row.setAlignment(Pos.TOP_LEFT);
        content = new VBox(2);
        // Wrap long lines to the list's width instead of growing a horizontal scroll bar.
        setPrefWidth(0);
        // Bubbles take at most about three quarters of the list's width (not the cell's: a fresh cell is 0 wide).
        listViewProperty().addListener((obs, old, list) -> {
            bubble.maxWidthProperty().unbind();
            if (list != null) {
                bubble.maxWidthProperty().bind(list.widthProperty().multiply(0.72));
            }
        });
        body.maxWidthProperty().bind(bubble.maxWidthProperty().subtract(24));
    }

    @Override
    protected void updateItem(MessageItem item, boolean empty) {
        MessageItem old = getItem();
        if (old != null) {
            old.deliveryProperty().removeListener(deliveryChanged);
            old.failureReasonProperty().removeListener(deliveryChanged);
        }
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        MessageItem previous = previous();
        boolean newDay = previous == null
                || days.differentDays(previous.message().timestampMillis(), item.message().timestampMillis());
        boolean continued = !newDay && grouping.continues(previous, item);
        long millis = item.message().timestampMillis();

        separator.setText(days.label(millis));
        name.setText(item.sender());
        name.setVisible(!continued);
        name.setManaged(!continued);
        avatar.setText(Avatars.initials(item.sender()));
        avatar.getStyleClass().removeIf(style -> style.startsWith("avatar-colour-"));
        avatar.getStyleClass().add(Avatars.colourClass(item.senderKey()));
        avatar.setVisible(!continued); // keeps its room, so a group's bodies line up
        time.setText(days.clock(millis));
        timeTip.setText(days.moment(millis));
        fillBody(item.body());

        bubble.getStyleClass().removeAll("own", "continued");
        if (continued) {
            bubble.getStyleClass().add("continued");
        }
        if (item.outgoing()) {
            bubble.getStyleClass().add("own");
            row.getChildren().setAll(push, bubble);
            item.deliveryProperty().addListener(deliveryChanged);
            item.failureReasonProperty().addListener(deliveryChanged);
        } else {
            row.getChildren().setAll(avatar, bubble, push);
        }
        showDelivery();
        content.getChildren().setAll(newDay ? new Node[] {separator, row} : new Node[] {row});
        setGraphic(content);
    }

    /** The delivery icon and its tooltip for our message (none for others'), and the words a screen reader says. */
    private void showDelivery() {
        MessageItem item = getItem();
        if (item == null) {
            return;
        }
        DeliveryBadge badge = DeliveryBadge.of(item.deliveryProperty().get(), item.failureReasonProperty().get());
        delivery.getStyleClass().removeIf(style -> style.startsWith("delivery-"));
        bubble.getStyleClass().remove("failed");
        boolean failed = badge != null && badge.styleClass().equals("delivery-failed");
        sendAgain.setVisible(failed);
        sendAgain.setManaged(failed);
        if (badge == null) {
            delivery.setGraphic(null);
            delivery.setVisible(false);
            delivery.setManaged(false);
            setAccessibleText(item.sender() + ": " + item.body());
            return;
        }
        delivery.setGraphic(new FontIcon(badge.icon()));
        delivery.getStyleClass().add(badge.styleClass());
        delivery.setVisible(true);
        delivery.setManaged(true);
        deliveryTip.setText(badge.explanation());
        if (failed) {
            bubble.getStyleClass().add("failed");
        }
        setAccessibleText(item.sender() + ": " + item.body() + " — " + badge.explanation());
    }

    private void fillBody(String text) {
        body.getChildren().clear();
        for (MessageText.Part part : MessageText.parts(text)) {
            if (part.link()) {
                Hyperlink link = new Hyperlink(part.text());
                link.getStyleClass().add("message-link");
                link.setFocusTraversable(false);
                link.setOnAction(e -> {
                    link.setVisited(true);
                    openLink.accept(part.text());
                });
                body.getChildren().add(link);
            } else {
                Text plain = new Text(part.text());
                plain.getStyleClass().add("message-text");
                body.getChildren().add(plain);
            }
        }
    }

    private MessageItem previous() {
        int index = getIndex();
        if (getListView() == null || index <= 0 || index > getListView().getItems().size()) {
            return null;
        }
        return getListView().getItems().get(index - 1);
    }
}
