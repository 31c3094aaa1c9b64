package dev.jitterbug.fx.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "About Jitterbug" as a side panel beside the chat, never a dialog: the name, the version and the licence. It takes
 * no focus when it opens; its close button or Esc closes it.
 */
final class AboutPanel extends VBox {
    static final String LICENCE = "Apache License 2.0";

    AboutPanel(Runnable close) {
        setId("about-panel");
        getStyleClass().add("side-panel");
        setSpacing(8);
        setPadding(new Insets(12));
        setPrefWidth(260);

        Label title = new Label(AppInfo.NAME);
        title.getStyleClass().add("title");
        Button closeButton = new Button(null, new FontIcon("fth-x"));
        closeButton.setId("about-close");
        closeButton.getStyleClass().add("flat");
        closeButton.setFocusTraversable(false);
        closeButton.setOnAction(e -> close.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(6, title, grow, closeButton);
        header.setAlignment(Pos.CENTER_LEFT);

        Label version = new Label("Version " + AppInfo.version());
        version.setId("about-version");
        Label licence = new Label("Licence: " + LICENCE);
        licence.setId("about-licence");
        Label what = new Label("A desktop XMPP chat that stays connected through flaky networks.");
        what.setWrapText(true);
        what.getStyleClass().add("hint");
        Label keys = new Label("Enter sends, Shift+Enter adds a line, Esc closes this panel.");
        keys.setWrapText(true);
        keys.getStyleClass().add("hint");
        getChildren().addAll(header, version, licence, what, keys);
    }
}
