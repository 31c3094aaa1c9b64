package dev.jitterbug.fx.login;

import dev.jitterbug.TransportKind;
import java.util.Arrays;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The sign-in form, built in code; errors appear under the field they concern. */
public final class LoginView extends VBox {
    public LoginView(LoginViewModel model) {
        getStyleClass().add("login-view");
        setAlignment(Pos.CENTER);
        setPadding(new Insets(32));
        setSpacing(16);

        Label title = new Label("Sign in to Jitterbug");
        title.getStyleClass().add("title");

        TextField account = new TextField();
        account.setId("account");
        account.setPromptText("alice@example.org");
        account.textProperty().bindBidirectional(model.accountProperty());

        PasswordField password = new PasswordField();
        password.setId("password");
        password.textProperty().bindBidirectional(model.passwordProperty());

        TextField server = new TextField();
        server.setId("server");
        server.setPromptText("optional: wss://chat.example.org/xmpp-websocket");
        server.textProperty().bindBidirectional(model.serverProperty());

        ChoiceBox<TransportKind> transport = new ChoiceBox<>();
        transport.setId("transport");
        transport.getItems().setAll(Arrays.asList(null, TransportKind.WEBSOCKET, TransportKind.BOSH)); // null: automatic
        transport.setConverter(new StringConverter<>() {
            @Override
            public String toString(TransportKind value) {
                if (value == null) {
                    return "Automatic";
                }
                return switch (value) {
                    case WEBSOCKET -> "WebSocket";
                    case BOSH -> "BOSH (HTTP)";
                };
            }

            @Override
            public TransportKind fromString(String text) {
                for (TransportKind value : transport.getItems()) {
                    if (toString(value).equals(text)) {
                        return value;
                    }
                }
                return null; // the list is not editable; nothing else can be typed
            }
        });
        transport.valueProperty().bindBidirectional(model.transportProperty());

        CheckBox allowUnencrypted = new CheckBox("Allow unencrypted connections for this account (insecure)");
        allowUnencrypted.setId("allow-unencrypted");
        allowUnencrypted.selectedProperty().bindBidirectional(model.allowUnencryptedProperty());
        Label unencryptedWarning = new Label(LoginViewModel.UNENCRYPTED_WARNING);
        unencryptedWarning.setId("unencrypted-warning");
        unencryptedWarning.getStyleClass().add("hint");
        unencryptedWarning.setWrapText(true);
        unencryptedWarning.setMaxWidth(420);
        allowUnencrypted.selectedProperty().addListener((obs, was, now) -> { // loud once ticked
            unencryptedWarning.getStyleClass().removeAll("hint", "field-error");
            unencryptedWarning.getStyleClass().add(now ? "field-error" : "hint");
        });

        CheckBox remember = new CheckBox("Remember password");
        remember.setId("remember");
        remember.selectedProperty().bindBidirectional(model.rememberProperty());
        remember.disableProperty().bind(model.rememberAvailableProperty().not());
        account.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                model.accountEntered();
            }
        });

        Button signIn = new Button("Sign in");
        signIn.setId("sign-in");
        signIn.setDefaultButton(true);
        signIn.disableProperty().bind(model.busyProperty());
        signIn.setOnAction(e -> model.submit());

        for (javafx.scene.control.Control field : new javafx.scene.control.Control[] {account, password, server}) {
            field.setPrefWidth(340);
        }

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(4);
        form.setAlignment(Pos.CENTER);
        int row = 0;
        form.addRow(row++, new Label("Address"), account);
        form.add(errorLabel("account-error", model.accountErrorProperty()), 1, row++);
        form.addRow(row++, new Label("Password"), password);
        form.add(errorLabel("password-error", model.passwordErrorProperty()), 1, row++);
        form.addRow(row++, new Label("Server"), server);
        form.add(errorLabel("server-error", model.serverErrorProperty()), 1, row++);
        form.addRow(row++, new Label("Transport"), transport);
        row = ProxyFormView.addTo(form, row, model.proxy());
        form.add(allowUnencrypted, 1, row++);
        form.add(unencryptedWarning, 1, row++);
        form.add(remember, 1, row++);
        Label rememberNote = new Label();
        rememberNote.getStyleClass().add("hint");
        rememberNote.setId("remember-note");
        rememberNote.setWrapText(true);
        rememberNote.setMaxWidth(420);
        rememberNote.textProperty().bind(model.rememberNoteProperty());
        form.add(rememberNote, 1, row);

        getChildren().addAll(title, form, signIn);
    }

    private static Label errorLabel(String id, ReadOnlyStringProperty text) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.setMaxWidth(420);
        return label;
    }
}
