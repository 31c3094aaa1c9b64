package dev.jitterbug.fx.login;

import dev.jitterbug.ProxySetting;
import java.util.Arrays;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/** The proxy rows of the sign-in form: a choice (system, none, manual) and the manual proxy's fields. */
final class ProxyFormView {
    private ProxyFormView() {
    }

    /** Adds the rows to {@code form} from {@code row} on; returns the next free row. */
    static int addTo(GridPane form, int row, ProxyFormViewModel model) {
        ChoiceBox<ProxySetting.Mode> mode = new ChoiceBox<>();
        mode.setId("proxy-mode");
        mode.getItems().setAll(Arrays.asList(ProxySetting.Mode.values()));
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(ProxySetting.Mode value) {
                if (value == null) {
                    return "";
                }
                return switch (value) {
                    case SYSTEM -> "System settings";
                    case NONE -> "No proxy";
                    case MANUAL -> "Manual";
                };
            }

            @Override
            public ProxySetting.Mode fromString(String text) {
                return mode.getItems().stream().filter(m -> toString(m).equals(text)).findFirst().orElse(null);
            }
        });
        mode.valueProperty().bindBidirectional(model.modeProperty());

        TextField host = field("proxy-host", "proxy.example.org", 220);
        host.textProperty().bindBidirectional(model.hostProperty());
        TextField port = field("proxy-port", "3128", 80);
        port.textProperty().bindBidirectional(model.portProperty());
        TextField user = field("proxy-user", "optional: proxy user name", 160);
        user.textProperty().bindBidirectional(model.userProperty());
        PasswordField password = new PasswordField();
        password.setId("proxy-password");
        password.setPromptText("proxy password");
        password.setPrefWidth(170);
        password.textProperty().bindBidirectional(model.passwordProperty());
        for (javafx.scene.control.Control manualOnly : new javafx.scene.control.Control[] {host, port, user,
                password}) {
            manualOnly.disableProperty().bind(model.manualProperty().not());
        }

        Label error = new Label();
        error.setId("proxy-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setMaxWidth(420);
        error.textProperty().bind(model.errorProperty());

        form.addRow(row++, new Label("Proxy"), mode);
        form.add(new HBox(6, host, port), 1, row++);
        form.add(new HBox(6, user, password), 1, row++);
        form.add(error, 1, row++);
        return row;
    }

    private static TextField field(String id, String prompt, double width) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        return field;
    }
}
