package dev.jitterbug.fx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Simulate" menu without a UI: simulations run on the background executor, one at a time. */
class SimulateViewModelTest {
    private final List<String> done = new ArrayList<>();
    private final List<Runnable> background = new ArrayList<>();
    private RuntimeException failWith;
    private final SimulateViewModel model = new SimulateViewModel(new FaultInjector() {
        @Override
        public void run(Simulation simulation) {
            if (failWith != null) {
                throw failWith;
            }
            done.add(simulation.name());
        }

        @Override
        public void slowLink(boolean on) {
            done.add("slow " + on);
        }
    }, background::add, Runnable::run);

    @Test
    void aSimulationRunsInTheBackgroundAndTheMenuSaysWhichUntilItEnds() {
        model.run(Simulation.OUTAGE);
        assertThat(done).as("nothing on the calling (FX) thread").isEmpty();
        assertThat(model.runningProperty().get()).isTrue();
        assertThat(model.activityProperty().get()).isEqualTo("Outage (20 s) in progress…");

        model.run(Simulation.BLIP);
        assertThat(background).as("one at a time: a second is ignored while the first runs").hasSize(1);

        background.remove(0).run();
        assertThat(done).containsExactly("OUTAGE");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.activityProperty().get()).isEmpty();

        model.run(Simulation.SERVER_RESTART);
        background.remove(0).run();
        assertThat(done).containsExactly("OUTAGE", "SERVER_RESTART");
    }

    @Test
    void aFailedSimulationSaysSoAndFreesTheMenu() {
        failWith = new IllegalStateException("prosody would not start");
        model.run(Simulation.SERVER_RESTART);
        background.remove(0).run();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.activityProperty().get())
                .isEqualTo("Server kill and restart failed: prosody would not start");
    }

    @Test
    void theSlowLinkIsAToggleSwitchedInTheBackground() {
        model.slowLinkProperty().set(true);
        assertThat(done).isEmpty();
        background.remove(0).run();
        model.slowLinkProperty().set(false);
        background.remove(0).run();
        assertThat(done).containsExactly("slow true", "slow false");
        assertThat(model.runningProperty().get()).as("a toggle, not a running simulation").isFalse();
    }
}
