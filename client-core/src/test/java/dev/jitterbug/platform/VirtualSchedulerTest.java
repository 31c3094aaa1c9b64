package dev.jitterbug.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
    private final VirtualScheduler scheduler = new VirtualScheduler(1_000_000L);
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsTasksInTimeOrderThenSubmissionOrder() {
        scheduler.schedule(() -> ran.add("b@20"), 20);
        scheduler.schedule(() -> ran.add("a@10"), 10);
        scheduler.schedule(() -> ran.add("c@20"), 20);
        scheduler.execute(() -> ran.add("now"));

        scheduler.runUntilIdle();

        assertThat(ran).containsExactly("now", "a@10", "b@20", "c@20");
        assertThat(scheduler.monotonicMillis()).isEqualTo(20);
        assertThat(scheduler.currentTimeMillis()).isEqualTo(1_000_020L);
    }

    @Test
    void advanceByRunsOnlyWhatIsDueAndTasksScheduledInsideTheWindow() {
        scheduler.schedule(() -> {
            ran.add("first@5");
            scheduler.schedule(() -> ran.add("chained@8"), 3);
            scheduler.schedule(() -> ran.add("late@105"), 100);
        }, 5);

        scheduler.advanceBy(10);

        assertThat(ran).containsExactly("first@5", "chained@8");
        assertThat(scheduler.monotonicMillis()).isEqualTo(10);
        assertThat(scheduler.nextTaskTimeMillis()).isEqualTo(105);
    }

    @Test
    void cancelledTasksNeverRun() {
        Scheduler.Cancellable task = scheduler.schedule(() -> ran.add("cancelled"), 10);
        scheduler.schedule(() -> ran.add("kept"), 20);

        task.cancel();
        scheduler.runUntilIdle();

        assertThat(ran).containsExactly("kept");
    }

    @Test
    void negativeDelaysRunNowAndTimeNeverGoesBack() {
        scheduler.advanceBy(50);
        scheduler.schedule(() -> ran.add("asap"), -10);

        scheduler.runUntilIdle();

        assertThat(ran).containsExactly("asap");
        assertThat(scheduler.monotonicMillis()).isEqualTo(50);
        assertThatThrownBy(() -> scheduler.advanceBy(-1)).hasMessageContaining("backwards");
    }
}
