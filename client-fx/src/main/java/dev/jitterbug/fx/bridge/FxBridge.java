package dev.jitterbug.fx.bridge;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.Jid;
import dev.jitterbug.Contact;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.config.RetryConfigStatus;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one place where core events cross onto the JavaFX thread. client-core calls listeners on its own threads (the
 * client's event thread, the retry config service's scheduler); everything in the shell that reacts to them is
 * wrapped here, so ViewModels only ever change on the FX thread. Tests pass a same-thread executor instead of
 * {@link Platform#runLater}.
 */
public final class FxBridge implements ClientListener, RetryConfigListener {
    private final ClientListener target;
    private final RetryConfigListener configTarget;
    private final Executor fxThread;

    public FxBridge(ClientListener target, Executor fxThread) {
        this(target, status -> { }, fxThread);
    }

    public FxBridge(ClientListener target, RetryConfigListener configTarget, Executor fxThread) {
        this.target = target;
        this.configTarget = configTarget;
        this.fxThread = fxThread;
    }

    /** A bridge that delivers on the JavaFX application thread. */
    public static FxBridge onFxThread(ClientListener target) {
        return new FxBridge(target, Platform::runLater);
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        fxThread.execute(() -> target.onConnectionEvent(event));
    }

    @Override
    public void onMessage(ChatMessage message) {
        fxThread.execute(() -> target.onMessage(message));
    }

    @Override
    public void onDelivery(OutgoingMessage message) {
        fxThread.execute(() -> target.onDelivery(message));
    }

    @Override
    public void onRoster(List<Contact> contacts) {
        fxThread.execute(() -> target.onRoster(contacts));
    }

    @Override
    public void onRoomJoined(Jid room, String nick) {
        fxThread.execute(() -> target.onRoomJoined(room, nick));
    }

    @Override
    public void retryConfigChanged(RetryConfigStatus status) {
        fxThread.execute(() -> configTarget.retryConfigChanged(status));
    }

    @Override
    public void retryConfigStatusChanged(RetryConfigStatus status) {
        fxThread.execute(() -> configTarget.retryConfigStatusChanged(status));
    }
}
