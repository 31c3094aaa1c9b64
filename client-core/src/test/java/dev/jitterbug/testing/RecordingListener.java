package dev.jitterbug.testing;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Failure;
import dev.jitterbug.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Records everything a client reports, for assertions, and waits for what a test expects next. The waits are hang
 * guards, not measurements: they wait for the event itself and give up only after {@link #PATIENCE}.
 */
public class RecordingListener implements ClientListener {
    /** How long a wait gives up after: far above what any step takes on a loaded 2-core machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    public final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private volatile Runnable onDisconnected;
    public final List<ChatMessage> messages = new CopyOnWriteArrayList<>();
    public final List<OutgoingMessage> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        events.add(event);
        Runnable hook = onDisconnected;
        if (hook != null && event.state() == ConnectionState.DISCONNECTED) {
            onDisconnected = null;
            hook.run();
        }
    }

    /**
     * Runs {@code hook} once, on the client's event thread, when the client next reports a lost connection: before
     * the reconnector's next attempt can start (it is scheduled on that same thread), unlike anything a test thread
     * does after seeing the event.
     */
    public void onNextDisconnect(Runnable hook) {
        this.onDisconnected = hook;
    }

    @Override
    public void onMessage(ChatMessage message) {
        messages.add(message);
    }

    @Override
    public void onDelivery(OutgoingMessage message) {
        deliveries.add(message);
    }

    public List<ConnectionState> states() {
        return events.stream().map(ConnectionEvent::state).collect(Collectors.toList());
    }

    public ConnectionEvent lastEvent() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    public int count(ConnectionState state) {
        return (int) events.stream().filter(e -> e.state() == state).count();
    }

    public List<ConnectionEvent> events(ConnectionState state) {
        return events.stream().filter(e -> e.state() == state).collect(Collectors.toList());
    }

    /** Sessions established so far, new or resumed. */
    public int sessions() {
        return count(ConnectionState.CONNECTED) + count(ConnectionState.RESUMED);
    }

    /** The first failure any event reported, or null. */
    public Failure firstFailure() {
        return events.stream().map(ConnectionEvent::failure).filter(f -> f != null).findFirst().orElse(null);
    }

    public List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        for (ChatMessage message : messages) {
            bodies.add(message.body());
        }
        return bodies;
    }

    /** The latest delivery state reported for one of our messages, or null. */
    public DeliveryState stateOf(OutgoingMessage message) {
        DeliveryState state = null;
        for (OutgoingMessage update : deliveries) {
            if (update.originId().equals(message.originId())) {
                state = update.state();
            }
        }
        return state;
    }

    /** Waits until the {@code n}-th event in this state (counting from the first event ever) and returns it. */
    public ConnectionEvent awaitNth(ConnectionState state, int n) {
        await(n + " x " + state, () -> count(state) >= n);
        return events(state).get(n - 1);
    }

    /**
     * Waits until more sessions (new or resumed) than {@code before} were established. Take the count before the
     * fault: a quick resume can be done before the test thread returns from causing it.
     */
    public void awaitSessionAfter(int before) {
        await("a session after " + before, () -> sessions() > before);
    }

    /** Waits for the next session (new or resumed) after the ones established so far. */
    public void awaitNextSession() {
        int before = sessions();
        await("a session after " + before, () -> sessions() > before);
    }

    /** Waits until the last event says the client is online. */
    public void awaitOnline() {
        await("online", () -> lastEvent() != null && lastEvent().state().isOnline());
    }

    /** Waits until a message with this body arrived. */
    public ChatMessage awaitMessage(String body) {
        await("a message '" + body + "'", () -> bodies().contains(body));
        return messages.stream().filter(m -> body.equals(m.body())).findFirst().orElseThrow();
    }

    /** Waits until one of our messages reaches the given delivery state. */
    public void awaitDelivery(OutgoingMessage message, DeliveryState state) {
        await(message.message().body() + " " + state, () -> stateOf(message) == state);
    }

    /** Waits for any condition on this client's record; on timeout the failure shows every event so far. */
    public void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("gave up waiting for " + what + " after " + PATIENCE.toSeconds() + " s; events: "
                    + events + "; messages: " + bodies(), e);
        }
    }

    /** Events matching a predicate, for assertions. */
    public List<ConnectionEvent> events(Predicate<ConnectionEvent> which) {
        return events.stream().filter(which).collect(Collectors.toList());
    }
}
