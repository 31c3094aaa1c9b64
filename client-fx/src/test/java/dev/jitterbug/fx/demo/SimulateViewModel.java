package dev.jitterbug.fx.demo;

import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The "Simulate" menu's state: one simulation at a time, run on the background executor (a simulation blocks for
 * as long as it lasts), its end reported back on the FX executor. While one runs, the menu says which.
 */
public final class SimulateViewModel {
    private final FaultInjector faults;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final BooleanProperty slowLink = new SimpleBooleanProperty(false);

    /**
     * @param background where simulations run (they sleep: never the FX thread)
     * @param fx where their end is reported (the FX thread in the app, the caller's thread in tests)
     */
    public SimulateViewModel(FaultInjector faults, Executor background, Executor fx) {
        this.faults = faults;
        this.background = background;
        this.fx = fx;
        slowLink.addListener((obs, old, on) -> background.execute(() -> faults.slowLink(on)));
    }

    /** True while a simulation runs; the menu's actions are off meanwhile. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What runs now ("Outage (20 s) in progress…"), what went wrong, or empty. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** Slow link (+300 ms each way) on or off; stays until switched off. */
    public BooleanProperty slowLinkProperty() {
        return slowLink;
    }

    /** Starts a simulation unless one is already running. */
    public void run(Simulation simulation) {
        if (running.get()) {
            return;
        }
        running.set(true);
        activity.set(simulation.label() + " in progress…");
        background.execute(() -> {
            String problem = null;
            try {
                faults.run(simulation);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = simulation.label() + " was interrupted";
            } catch (RuntimeException e) {
                problem = simulation.label() + " failed: " + e.getMessage();
            }
            String done = problem == null ? "" : problem;
            fx.execute(() -> {
                running.set(false);
                activity.set(done);
            });
        });
    }
}
