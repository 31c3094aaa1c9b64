package dev.jitterbug.fx.bridge;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.Contact;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.SessionCost;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.config.RetryConfigStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one place where core events cross onto the JavaFX thread. client-core calls this bridge on its own threads
 * (the client's event thread, the retry config service's scheduler); the bridge hands each event, on the FX thread
 * and in order, to the panels that subscribed. A panel subscribes with the core's own listener interface and
 * overrides only the callbacks it uses, so ViewModels only ever change on the FX thread and nothing forwards events
 * by hand. Tests pass a same-thread executor instead of {@link Platform#runLater}.
 */
public final class FxBridge implements ClientListener, RetryConfigListener {
    private final Executor fxThread;
    private final List<ClientListener> panels = new CopyOnWriteArrayList<>();
    private final List<RetryConfigListener> configPanels = new CopyOnWriteArrayList<>();

    public FxBridge(Executor fxThread) {
        this.fxThread = fxThread;
    }

    /** A bridge that delivers on the JavaFX application thread. */
    public static FxBridge onFxThread() {
        return new FxBridge(Platform::runLater);
    }

    /** {@code panel} hears the client's events (connection, messages, deliveries, roster, rooms) on the FX thread. */
    public void subscribe(ClientListener panel) {
        panels.add(panel);
    }

    /** {@code panel} hears the retry config news (fetched, failed …) on the FX thread. */
    public void subscribeConfig(RetryConfigListener panel) {
        configPanels.add(panel);
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        toPanels(panel -> panel.onConnectionEvent(event));
    }

    @Override
    public void onMessage(ChatMessage message) {
        toPanels(panel -> panel.onMessage(message));
    }

    @Override
    public void onDelivery(OutgoingMessage message) {
        toPanels(panel -> panel.onDelivery(message));
    }

    @Override
    public void onRoster(List<Contact> contacts) {
        toPanels(panel -> panel.onRoster(contacts));
    }

    @Override
    public void onSessionCost(SessionCost cost) {
        toPanels(panel -> panel.onSessionCost(cost));
    }

    @Override
    public void onRoomJoined(Jid room, String nick) {
        toPanels(panel -> panel.onRoomJoined(room, nick));
    }

    @Override
    public void retryConfigChanged(RetryConfigStatus status) {
        fxThread.execute(() -> configPanels.forEach(panel -> panel.retryConfigChanged(status)));
    }

    @Override
    public void retryConfigStatusChanged(RetryConfigStatus status) {
        fxThread.execute(() -> configPanels.forEach(panel -> panel.retryConfigStatusChanged(status)));
    }

    private void toPanels(Consumer<ClientListener> call) {
        fxThread.execute(() -> panels.forEach(call));
    }
}
