package dev.jitterbug.fx.status;

import dev.jitterbug.ConnectionEvent;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The quiet connection status: one short line, never a dialog. */
public final class StatusViewModel {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("Offline");

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public void onConnectionEvent(ConnectionEvent event) {
        switch (event.state()) {
            case CONNECTED, RESUMED -> text.set("Connected");
            case CONNECTING -> text.set("Connecting…");
            case WAITING -> text.set("Reconnecting (attempt " + event.attempt() + ")");
            case DISCONNECTED -> text.set("Offline");
            case STOPPED -> text.set(event.failure() != null ? event.failure().message() : "Stopped");
            case OFFLINE -> text.set("Offline");
        }
    }
}
