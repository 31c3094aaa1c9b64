package dev.jitterbug.fx.status;

import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.StopReason;
import dev.jitterbug.platform.Scheduler;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The quiet connection status: one short line and, while waiting to reconnect, a "Retry now" action. It never opens
 * a dialog and knows nothing of focus or the composer.
 *
 * <p>A connection that drops and comes back within the quiet threshold ({@code statusQuietMillis} of the retry
 * config) changes nothing here at all: the user should not notice a blip. Longer outages show the reconnect state
 * with a countdown to the next attempt.
 *
 * <p>Hears connection events and deliveries (through the bridge). Threading: every method is called on one thread
 * (the FX thread in the app), and {@code timers} runs its tasks there too; tests pass a virtual-time scheduler.
 */
public final class StatusViewModel implements ClientListener {
    /** What the status line says, as a category the view can style. */
    public enum Kind {
        /** Not signed in (before the first login, or after signing out). */
        OFFLINE,
        /** The first connection of this sign-in is under way. */
        CONNECTING,
        CONNECTED,
        /** The connection was lost and the client is working on getting it back. */
        RECONNECTING,
        /** Another device signed in with the same address and took over the session. */
        SIGNED_OUT_ELSEWHERE,
        /** Stopped for a reason retrying cannot fix (e.g. the password is no longer accepted). */
        STOPPED
    }

    private final Scheduler timers;
    private final LongSupplier quietMillis;
    private final Runnable retryNowAction;
    private final BooleanSupplier unencrypted;

    private final ReadOnlyObjectWrapper<Kind> kind = new ReadOnlyObjectWrapper<>(Kind.OFFLINE);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("Offline");
    private final ReadOnlyBooleanWrapper retryAvailable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper pendingMessages = new ReadOnlyIntegerWrapper(0);
    private final Set<String> unconfirmed = new HashSet<>();

    /** The newest event, shown or held back by the quiet window. */
    private ConnectionEvent latest;
    /** The event the status line currently describes, or null before any. */
    private ConnectionEvent shown;
    private Scheduler.Cancellable quietWindow;
    private Scheduler.Cancellable countdownTick;

    /**
     * @param timers runs the quiet window and the countdown on the caller's thread
     * @param quietMillis the current quiet threshold (read at each drop, so a new retry config applies at once)
     * @param retryNow skips the reconnect wait (the client's {@code retryNow()})
     * @param unencrypted whether the connection in use is unencrypted to another machine (only possible when the
     *     account allows it): then the line says "Connected without encryption"
     */
    public StatusViewModel(Scheduler timers, LongSupplier quietMillis, Runnable retryNow, BooleanSupplier unencrypted) {
        this.timers = timers;
        this.quietMillis = quietMillis;
        this.retryNowAction = retryNow;
        this.unencrypted = unencrypted;
    }

    public ReadOnlyObjectProperty<Kind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** The status line, e.g. "Reconnecting in 7 s (attempt 3) — 2 messages will be sent when back". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Whether "Retry now" makes sense (waiting before the next attempt). */
    public ReadOnlyBooleanProperty retryAvailableProperty() {
        return retryAvailable.getReadOnlyProperty();
    }

    /** Our messages the server has not confirmed yet: they are (re)sent when the connection is back. */
    public ReadOnlyIntegerProperty pendingMessagesProperty() {
        return pendingMessages.getReadOnlyProperty();
    }

    /** "Retry now": skips the wait; the status follows from the events that come next. */
    public void retryNow() {
        if (retryAvailable.get()) {
            retryNowAction.run();
        }
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        latest = event;
        ConnectionState state = event.state();
        if (state.isOnline() || state == ConnectionState.STOPPED || state == ConnectionState.OFFLINE) {
            endQuietWindow();
            show(event);
            return;
        }
        if (quietWindow != null) {
            return; // still inside the blip window: say nothing yet
        }
        if (kind.get() == Kind.CONNECTED) {
            long quiet = quietMillis.getAsLong();
            if (quiet > 0) {
                quietWindow = timers.schedule(() -> {
                    quietWindow = null;
                    show(latest);
                }, quiet);
                return;
            }
        }
        show(event);
    }

    @Override
    public void onDelivery(OutgoingMessage message) {
        DeliveryState state = message.state();
        boolean changed = state == DeliveryState.QUEUED || state == DeliveryState.SENT
                ? unconfirmed.add(message.originId())
                : unconfirmed.remove(message.originId());
        if (changed) {
            pendingMessages.set(unconfirmed.size());
            if (shown != null && !shown.state().isOnline()) {
                render();
            }
        }
    }

    private void endQuietWindow() {
        if (quietWindow != null) {
            quietWindow.cancel();
            quietWindow = null;
        }
    }

    private void show(ConnectionEvent event) {
        boolean wasOnlineOrReconnecting = kind.get() == Kind.CONNECTED || kind.get() == Kind.RECONNECTING;
        shown = event;
        kind.set(kindOf(event, wasOnlineOrReconnecting));
        render();
    }

    private Kind kindOf(ConnectionEvent event, boolean reconnecting) {
        switch (event.state()) {
            case CONNECTED:
            case RESUMED:
                return Kind.CONNECTED;
            case OFFLINE:
                return Kind.OFFLINE;
            case STOPPED:
                return event.stopReason() == StopReason.SIGNED_IN_ELSEWHERE ? Kind.SIGNED_OUT_ELSEWHERE : Kind.STOPPED;
            default:
                return reconnecting ? Kind.RECONNECTING : Kind.CONNECTING;
        }
    }

    /** Writes the line for the shown event and, while waiting, schedules the next countdown step. */
    private void render() {
        cancelTick();
        ConnectionEvent event = shown;
        boolean waiting = event.state() == ConnectionState.WAITING;
        retryAvailable.set(waiting);
        String line = describe(event);
        if (waiting && event.waitsForNetwork()) {
            line = "No network — reconnecting when it is back";
        } else if (waiting) {
            long remaining = event.retryAtMillis() - timers.currentTimeMillis();
            if (remaining > 0) {
                long seconds = (remaining + 999) / 1000;
                line = "Reconnecting in " + seconds + " s (attempt " + event.attempt() + ")";
                long untilNextSecond = remaining - (seconds - 1) * 1000;
                countdownTick = timers.schedule(() -> {
                    countdownTick = null;
                    render();
                }, untilNextSecond);
            } else {
                line = "Reconnecting… (attempt " + event.attempt() + ")";
            }
        }
        if (!event.state().isOnline() && unconfirmed.size() > 0) {
            int n = unconfirmed.size();
            line = line + " — " + n + (n == 1 ? " message" : " messages") + " will be sent when back";
        }
        text.set(line);
    }

    private String describe(ConnectionEvent event) {
        switch (event.state()) {
            case CONNECTED:
            case RESUMED:
                return unencrypted.getAsBoolean() ? "Connected without encryption" : "Connected";
            case CONNECTING:
                return kind.get() == Kind.RECONNECTING ? "Reconnecting… (attempt " + event.attempt() + ")"
                        : "Connecting…";
            case DISCONNECTED:
                return kind.get() == Kind.RECONNECTING ? "Offline" : "Connecting…";
            case STOPPED:
                if (event.stopReason() == StopReason.SIGNED_IN_ELSEWHERE) {
                    return "Signed out elsewhere";
                }
                return event.failure() != null ? "Stopped: " + event.failure().message() : "Stopped";
            case OFFLINE:
            default:
                return "Offline";
        }
    }

    private void cancelTick() {
        if (countdownTick != null) {
            countdownTick.cancel();
            countdownTick = null;
        }
    }
}
