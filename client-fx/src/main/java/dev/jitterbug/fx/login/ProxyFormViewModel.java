package dev.jitterbug.fx.login;

import dev.jitterbug.ProxySetting;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The account's proxy choice in the login form: the system's settings (the default), none, or a manual proxy with
 * an optional user name and password. The proxy password, like the account's, lives only in memory and in the
 * client's options: it is never written to a file or a log. Tested without a UI.
 */
public final class ProxyFormViewModel {
    private final ObjectProperty<ProxySetting.Mode> mode = new SimpleObjectProperty<>(ProxySetting.Mode.SYSTEM);
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanBinding manual = Bindings.equal(ProxySetting.Mode.MANUAL, mode);

    /** How the proxy is chosen; never null (null is taken as the system's settings). */
    public ObjectProperty<ProxySetting.Mode> modeProperty() {
        return mode;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    /** What is wrong with the proxy fields, or what the proxy refused (its login); empty when nothing. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the host, port, user and password fields apply (a manual proxy). */
    public BooleanBinding manualProperty() {
        return manual;
    }

    /** The setting the fields describe, or null with {@link #errorProperty()} saying what to fix. */
    ProxySetting validate() {
        error.set("");
        ProxySetting.Mode chosen = mode.get() == null ? ProxySetting.Mode.SYSTEM : mode.get();
        if (chosen == ProxySetting.Mode.SYSTEM) {
            return ProxySetting.system();
        }
        if (chosen == ProxySetting.Mode.NONE) {
            return ProxySetting.none();
        }
        String hostText = host.get() == null ? "" : host.get().trim();
        if (hostText.isEmpty() || hostText.contains("/") || hostText.contains(" ")) {
            error.set("Enter the proxy's host name or address, like proxy.example.org.");
            return null;
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.get() == null ? "" : port.get().trim());
        } catch (NumberFormatException e) {
            portNumber = -1;
        }
        if (portNumber < 1 || portNumber > 65535) {
            error.set("Enter the proxy's port, a number from 1 to 65535 (often 3128 or 8080).");
            return null;
        }
        String userText = user.get() == null ? "" : user.get().trim();
        String passwordText = password.get() == null ? "" : password.get();
        if (userText.isEmpty() && !passwordText.isEmpty()) {
            error.set("Enter the proxy user name that goes with the password.");
            return null;
        }
        return ProxySetting.manual(hostText, portNumber, userText, passwordText.toCharArray());
    }

    /** The proxy refused its login: say so next to the proxy fields. */
    void refused(String reason) {
        error.set(reason);
    }

    /** After a successful sign-in the proxy password is not kept in the form. */
    void forgetPassword() {
        password.set("");
    }
}
