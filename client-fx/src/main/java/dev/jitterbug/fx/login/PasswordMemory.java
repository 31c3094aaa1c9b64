package dev.jitterbug.fx.login;

import dev.jitterbug.Jid;
import dev.jitterbug.platform.SecretStore;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "Remember me" for the login form: talks to the keychain on the background executor and answers on the FX thread,
 * so the form never waits for D-Bus or a system prompt.
 */
public final class PasswordMemory {
    /** Whether passwords can be remembered, and the sentence to show next to the checkbox. */
    public interface Availability {
        void answer(boolean available, String note);
    }

    private final Executor background;
    private final Executor fxThread;
    private final Supplier<SecretStore> opener;
    private volatile SecretStore store;

    /** @param opener finds the keychain (may block); called once, on the background executor */
    public PasswordMemory(Supplier<SecretStore> opener, Executor background, Executor fxThread) {
        this.opener = opener;
        this.background = background;
        this.fxThread = fxThread;
    }

    /** A memory that never stores anything, e.g. for the self-test. */
    public static PasswordMemory none(String why) {
        Executor inline = Runnable::run;
        return new PasswordMemory(() -> SecretStore.none(why), inline, inline);
    }

    public void availability(Availability result) {
        background.execute(() -> {
            SecretStore opened = store();
            boolean available = opened.isAvailable();
            String note = opened.description();
            fxThread.execute(() -> result.answer(available, note));
        });
    }

    /** The remembered password for the account (null when there is none) on the FX thread. */
    public void recall(Jid account, Consumer<char[]> result) {
        background.execute(() -> {
            char[] password = store().isAvailable() ? store().load(account.bare().toString()) : null;
            fxThread.execute(() -> result.accept(password));
        });
    }

    /** Stores the password; {@code problem} hears a sentence if that failed (null when it worked). */
    public void remember(Jid account, char[] password, Consumer<String> problem) {
        char[] copy = password.clone();
        background.execute(() -> {
            String failure = null;
            try {
                store().save(account.bare().toString(), copy);
            } catch (RuntimeException e) {
                failure = e.getMessage();
            } finally {
                java.util.Arrays.fill(copy, '\0');
            }
            String result = failure;
            fxThread.execute(() -> problem.accept(result));
        });
    }

    /** Removes a remembered password (the user unticked "remember"). */
    public void forget(Jid account) {
        background.execute(() -> {
            try {
                store().delete(account.bare().toString());
            } catch (RuntimeException ignored) {
                // nothing to forget where nothing can be stored
            }
        });
    }

    private SecretStore store() {
        SecretStore opened = store;
        if (opened == null) {
            synchronized (this) {
                if (store == null) {
                    store = opener.get();
                }
                opened = store;
            }
        }
        return opened;
    }
}
