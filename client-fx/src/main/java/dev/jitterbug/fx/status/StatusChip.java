package dev.jitterbug.fx.status;

import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The quiet status element: an icon and one line, plus "Retry now" while waiting. Nothing in it can take focus
 * (clicking "Retry now" leaves the caret in the composer), and it never opens anything.
 */
public final class StatusChip extends HBox {
    public StatusChip(StatusViewModel model) {
        setId("status-chip");
        getStyleClass().add("status-chip");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        setFocusTraversable(false);

        FontIcon icon = new FontIcon();
        icon.getStyleClass().add("status-icon");

        Label text = new Label();
        text.setId("status");
        text.getStyleClass().add("status-line");
        text.textProperty().bind(model.textProperty());
        text.setFocusTraversable(false);

        Hyperlink retry = new Hyperlink("Retry now");
        retry.setId("retry-now");
        retry.setFocusTraversable(false);
        retry.visibleProperty().bind(model.retryAvailableProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> {
            retry.setVisited(false);
            model.retryNow();
        });

        getChildren().addAll(icon, text, retry);
        model.kindProperty().addListener((obs, old, now) -> style(icon, now));
        style(icon, model.kindProperty().get());
    }

    private void style(FontIcon icon, StatusViewModel.Kind kind) {
        getStyleClass().removeIf(name -> name.startsWith("status-kind-"));
        getStyleClass().add("status-kind-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        switch (kind) {
            case CONNECTED -> icon.setIconLiteral("fth-wifi");
            case CONNECTING, RECONNECTING -> icon.setIconLiteral("fth-refresh-cw");
            case SIGNED_OUT_ELSEWHERE -> icon.setIconLiteral("fth-log-out");
            default -> icon.setIconLiteral("fth-wifi-off");
        }
    }
}
