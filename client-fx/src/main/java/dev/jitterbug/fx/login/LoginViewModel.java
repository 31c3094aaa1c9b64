package dev.jitterbug.fx.login;

import dev.jitterbug.ClientListener;
import dev.jitterbug.ClientOptions;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import dev.jitterbug.Jid;
import dev.jitterbug.ProxySetting;
import dev.jitterbug.TransportKind;
import java.net.URI;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The login form's state and rules: what the user typed, which field an error belongs to, whether a login is under
 * way. Hears connection events (through the bridge) to end a login. No JavaFX controls here; tested without a UI.
 */
public final class LoginViewModel implements ClientListener {
    /** Shown under the "allow unencrypted connections" box, ticked or not. */
    public static final String UNENCRYPTED_WARNING = "Insecure: anyone on the network between you and the server "
            + "can read your messages and take over your account. Only for a server of your own that has no "
            + "certificate yet.";

    /** A validated login request, handed to the shell. */
    public static final class Request {
        public final Jid jid;
        public final char[] password;
        public final URI endpoint;
        /** The one transport to use, or null for automatic (WebSocket, falling back to BOSH). */
        public final TransportKind transport;
        public final boolean remember;
        /** The user ticked "allow unencrypted connections for this account" (off by default). */
        public final boolean insecureUnencryptedConnectionsForThisAccount;
        /** The account's HTTP proxy (the system's settings unless the user chose otherwise). */
        public final ProxySetting proxy;

        Request(Jid jid, char[] password, URI endpoint, TransportKind transport, boolean remember,
                boolean insecureUnencryptedConnectionsForThisAccount, ProxySetting proxy) {
            this.jid = jid;
            this.password = password;
            this.endpoint = endpoint;
            this.transport = transport;
            this.remember = remember;
            this.insecureUnencryptedConnectionsForThisAccount = insecureUnencryptedConnectionsForThisAccount;
            this.proxy = proxy;
        }

        /** The client options this form decides (account, address, transport, unencrypted connections, proxy). */
        public ClientOptions.Builder options() {
            ClientOptions.Builder builder = ClientOptions.builder(jid, password).transport(transport)
                    .insecureUnencryptedConnectionsForThisAccount(insecureUnencryptedConnectionsForThisAccount)
                    .proxy(proxy);
            return endpoint == null ? builder : builder.endpoint(endpoint);
        }
    }

    private final StringProperty account = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty server = new SimpleStringProperty("");
    /** Null: automatic (WebSocket, falling back to BOSH). */
    private final ObjectProperty<TransportKind> transport = new SimpleObjectProperty<>(null);
    private final BooleanProperty remember = new SimpleBooleanProperty(false);
    private final BooleanProperty allowUnencrypted = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper accountError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper passwordError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper serverError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rememberNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper rememberAvailable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ProxyFormViewModel proxy = new ProxyFormViewModel();
    private final Consumer<Request> onSubmit;
    private final Runnable onFailed;
    private final PasswordMemory passwords;
    /** The login under way, kept until it succeeds so that "remember" can store its password. */
    private Request pending;

    /**
     * @param onSubmit signs in with a valid request
     * @param onFailed the login failed and its error shows next to a field: stop trying, the user fixes the form
     */
    public LoginViewModel(Consumer<Request> onSubmit, Runnable onFailed, PasswordMemory passwords) {
        this.onSubmit = onSubmit;
        this.onFailed = onFailed;
        this.passwords = passwords;
        rememberNote.set("Looking for the system keychain…");
        passwords.availability((available, note) -> {
            rememberAvailable.set(available);
            rememberNote.set(note);
            if (!available) {
                remember.set(false);
            }
        });
    }

    /** Whether "remember" can work at all (an OS keychain answered). */
    public ReadOnlyBooleanProperty rememberAvailableProperty() {
        return rememberAvailable.getReadOnlyProperty();
    }

    /**
     * The user finished typing the address: if the keychain remembers a password for it and the password field is
     * still empty, fill it in.
     */
    public void accountEntered() {
        if (!rememberAvailable.get() || !password.get().isEmpty()) {
            return;
        }
        Jid jid;
        try {
            jid = Jid.parse(account.get());
        } catch (IllegalArgumentException e) {
            return; // the error shows on submit
        }
        String typed = account.get();
        passwords.recall(jid, remembered -> {
            if (remembered != null && password.get().isEmpty() && typed.equals(account.get())) {
                password.set(new String(remembered));
                remember.set(true);
                rememberNote.set("Password filled in from the system keychain.");
            }
        });
    }

    public StringProperty accountProperty() {
        return account;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty serverProperty() {
        return server;
    }

    /** The transport the user chose, or null for automatic. */
    public ObjectProperty<TransportKind> transportProperty() {
        return transport;
    }

    public BooleanProperty rememberProperty() {
        return remember;
    }

    /** "Allow unencrypted connections for this account": off by default; see {@link #UNENCRYPTED_WARNING}. */
    public BooleanProperty allowUnencryptedProperty() {
        return allowUnencrypted;
    }

    public ReadOnlyStringProperty accountErrorProperty() {
        return accountError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty passwordErrorProperty() {
        return passwordError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serverErrorProperty() {
        return serverError.getReadOnlyProperty();
    }

    /** Where a remembered password goes, or why it cannot be remembered (no keychain). */
    public ReadOnlyStringProperty rememberNoteProperty() {
        return rememberNote.getReadOnlyProperty();
    }

    /** The account's proxy fields. */
    public ProxyFormViewModel proxy() {
        return proxy;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void setRememberNote(String note) {
        rememberNote.set(note);
    }

    /** Validates the form and, when it is complete, asks the shell to sign in. */
    public void submit() {
        accountError.set("");
        passwordError.set("");
        serverError.set("");
        Jid jid = null;
        try {
            jid = Jid.parse(account.get());
            if (jid.local() == null) {
                accountError.set("Enter your full address, like alice@example.org.");
                jid = null;
            }
        } catch (IllegalArgumentException e) {
            accountError.set(e.getMessage());
        }
        if (password.get() == null || password.get().isEmpty()) {
            passwordError.set("Enter your password.");
        }
        URI endpoint = null;
        String serverText = server.get() == null ? "" : server.get().trim();
        if (!serverText.isEmpty()) {
            try {
                endpoint = URI.create(serverText);
                String scheme = endpoint.getScheme();
                if (scheme == null || !scheme.matches("(?i)wss?|https?") || endpoint.getHost() == null) {
                    serverError.set("Use a WebSocket (wss://…) or BOSH (https://…) address, or leave this empty.");
                    endpoint = null;
                } else {
                    String refusal = ClientOptions.unencryptedRefusal(endpoint, allowUnencrypted.get());
                    if (refusal != null) { // plain text to another machine: not without the user's say-so
                        serverError.set(refusal);
                        endpoint = null;
                    }
                }
            } catch (IllegalArgumentException e) {
                serverError.set("That is not a valid address.");
            }
        }
        ProxySetting proxySetting = proxy.validate();
        if (jid == null || !passwordError.get().isEmpty() || !serverError.get().isEmpty() || proxySetting == null) {
            return;
        }
        busy.set(true);
        pending = new Request(jid, password.get().toCharArray(), endpoint, transport.get(),
                remember.get() && rememberAvailable.get(), allowUnencrypted.get(), proxySetting);
        onSubmit.accept(pending);
    }

    /** Connection events while the login is under way: success ends it, failures land next to their field. */
    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        if (!busy.get()) {
            return;
        }
        if (event.state().isOnline()) {
            busy.set(false);
            password.set("");
            proxy.forgetPassword();
            rememberAfterSuccess();
            return;
        }
        Failure failure = event.failure();
        if (failure == null || (event.state() != ConnectionState.DISCONNECTED
                && event.state() != ConnectionState.STOPPED)) {
            return;
        }
        busy.set(false);
        pending = null;
        switch (failure.kind()) {
            case NOT_AUTHORIZED -> passwordError.set(failure.message());
            case PROXY_AUTHENTICATION -> proxy.refused(failure.message());
            case TLS, NO_COMMON_MECHANISM, UNKNOWN_HOST, CONNECTION_REFUSED, TIMEOUT, HTTP_ERROR,
                    PROTOCOL_VIOLATION, BAD_XML -> serverError.set(failure.message());
            default -> serverError.set(failure.message());
        }
        onFailed.run();
    }

    /** Only a password the server accepted is remembered; unticking "remember" forgets the stored one. */
    private void rememberAfterSuccess() {
        Request done = pending;
        pending = null;
        if (done == null || !rememberAvailable.get()) {
            return;
        }
        if (done.remember) {
            passwords.remember(done.jid, done.password, problem -> {
                if (problem != null) {
                    rememberNote.set(problem + " The password was not stored.");
                }
            });
        } else {
            passwords.forget(done.jid);
        }
        java.util.Arrays.fill(done.password, '\0');
    }
}
