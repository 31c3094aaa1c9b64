package dev.jitterbug.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many clients' lanes on a few shared threads: each lane stays serial and in order, and none starves another. */
class SharedEventLoopTest {
    private SharedEventLoop loop;

    @AfterEach
    void tearDown() {
        loop.close();
    }

    @Test
    void aLaneRunsItsTasksOneAtATimeInOrderEvenOnManyThreads() throws InterruptedException {
        loop = new SharedEventLoop(4);
        List<SharedEventLoop.Lane> lanes = new ArrayList<>();
        List<List<Integer>> seen = new ArrayList<>();
        List<AtomicBoolean> busy = new ArrayList<>();
        AtomicInteger overlaps = new AtomicInteger();
        int tasks = 2_000;
        CountDownLatch done = new CountDownLatch(3 * tasks);
        for (int l = 0; l < 3; l++) {
            lanes.add(loop.lane("lane-" + l));
            seen.add(Collections.synchronizedList(new ArrayList<>()));
            busy.add(new AtomicBoolean());
        }
        for (int i = 0; i < tasks; i++) {
            for (int l = 0; l < 3; l++) {
                int lane = l;
                int n = i;
                lanes.get(l).execute(() -> {
                    if (!busy.get(lane).compareAndSet(false, true)) {
                        overlaps.incrementAndGet();
                    }
                    seen.get(lane).add(n);
                    busy.get(lane).set(false);
                    done.countDown();
                });
            }
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).as("two tasks of one lane at once").hasValue(0);
        for (List<Integer> order : seen) {
            assertThat(order).hasSize(tasks).isSorted();
        }
    }

    @Test
    void aFailingTaskDoesNotStopItsLane() throws InterruptedException {
        loop = new SharedEventLoop(1);
        SharedEventLoop.Lane lane = loop.lane("failing");
        CountDownLatch after = new CountDownLatch(1);
        lane.execute(() -> {
            throw new IllegalStateException("a bug in one task");
        });
        lane.execute(after::countDown);
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void timersRunOnTheLaneAndCancelledOrClosedOnesDoNot() throws InterruptedException {
        loop = new SharedEventLoop(2);
        SharedEventLoop.Lane lane = loop.lane("timers");
        SharedEventLoop.Lane closing = loop.lane("closing");
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch last = new CountDownLatch(1);
        lane.schedule(() -> ran.add("cancelled"), 50).cancel();
        closing.schedule(() -> ran.add("after close"), 50);
        closing.close();
        closing.execute(() -> ran.add("queued after close"));
        lane.schedule(() -> ran.add("due"), 20);
        lane.schedule(last::countDown, 200); // the latest timer: the others have had their chance
        assertThat(last.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("due");
    }

    @Test
    void aTimerCancelledWhileItWaitsBehindItsLanesTasksDoesNotRun() throws InterruptedException {
        // With a thread per client a due timer runs at once, so a task that cancels it always comes first or not
        // at all. On a shared loop a due timer can wait in its lane's queue behind the very task that cancels it
        // (the answer to a ping, cancelling the ping's deadline): it must still not run.
        loop = new SharedEventLoop(2);
        SharedEventLoop.Lane lane = loop.lane("ping");
        CountDownLatch answerHandled = new CountDownLatch(1);
        CountDownLatch answerRunning = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        lane.execute(() -> {
            answerRunning.countDown();
            try {
                answerHandled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(answerRunning.await(10, TimeUnit.SECONDS)).isTrue();
        Scheduler.Cancellable deadline = lane.schedule(() -> ran.add("deadline"), 0);
        org.awaitility.Awaitility.await("the due deadline queued behind the running task").atMost(10,
                TimeUnit.SECONDS).until(() -> lane.queuedTasks() == 1);
        deadline.cancel();
        answerHandled.countDown();
        CountDownLatch after = new CountDownLatch(1);
        lane.execute(after::countDown);
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).as("a cancelled deadline that was already due").isEmpty();
    }

    @Test
    void oneBusyLaneCannotStarveAnother() throws InterruptedException {
        loop = new SharedEventLoop(1);
        SharedEventLoop.Lane busy = loop.lane("busy");
        SharedEventLoop.Lane quiet = loop.lane("quiet");
        AtomicInteger busyRan = new AtomicInteger();
        AtomicInteger busyRanWhenQuietRan = new AtomicInteger(-1);
        CountDownLatch quietRan = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        int flood = 10_000;
        busy.execute(() -> {
            started.countDown();
            // Keeps its own queue full: each task queues the next.
            for (int i = 0; i < flood; i++) {
                busy.execute(busyRan::incrementAndGet);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        quiet.execute(() -> {
            busyRanWhenQuietRan.set(busyRan.get());
            quietRan.countDown();
        });
        assertThat(quietRan.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(busyRanWhenQuietRan.get()).as("busy tasks that ran before the quiet lane's one")
                .isLessThan(flood);
    }

    @Test
    void aThousandLanesUseOnlyTheLoopsThreads() throws InterruptedException {
        loop = new SharedEventLoop(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(1_000);
        for (int i = 0; i < 1_000; i++) {
            loop.lane("client-" + i).execute(() -> {
                threads.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).allMatch(name -> name.startsWith("jitterbug-event-loop-")).hasSizeLessThanOrEqualTo(2);
    }
}
