package dev.jitterbug.fx.bridge;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.OutgoingMessage;
import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one place where core events cross onto the JavaFX thread. client-core calls listeners on its own event
 * thread; everything in the shell that reacts to them is wrapped here, so ViewModels only ever change on the FX
 * thread. Tests pass a same-thread executor instead of {@link Platform#runLater}.
 */
public final class FxBridge implements ClientListener {
    private final ClientListener target;
    private final Executor fxThread;

    public FxBridge(ClientListener target, Executor fxThread) {
        this.target = target;
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
}
