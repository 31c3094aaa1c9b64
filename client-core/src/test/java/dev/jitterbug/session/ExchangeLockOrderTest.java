package dev.jitterbug.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.TransportKind;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A login step that times out aborts its transport while the transport may be delivering an element to the
 * exchange under its own lock (BOSH does). Aborting inside the exchange's lock deadlocked the two threads once in a
 * 10-minute soak: the client stayed "connecting" for good. Here the interleaving is forced.
 */
class ExchangeLockOrderTest {
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadlock fails, not hangs, the build
    void aTimedOutStepAbortsWithoutHoldingTheExchangeLock() throws Exception {
        Object transportLock = new Object();
        AtomicBoolean aborted = new AtomicBoolean();
        CountDownLatch abortRequested = new CountDownLatch(1);
        Exchange exchange = new Exchange(new LockingTransport(transportLock, aborted, abortRequested), 10_000);
        CountDownLatch transportBusy = new CountDownLatch(1);
        Thread delivery = new Thread(() -> {
            synchronized (transportLock) { // as BoshTransport does while delivering an answer
                transportBusy.countDown();
                // The step times out meanwhile and asks the transport to abort (which needs this lock); only then
                // does the answer reach the exchange: the interleaving that deadlocked, forced, not timed.
                await(abortRequested);
                exchange.onElement(Element.builder("late", "urn:test").build());
            }
        }, "transport-delivery");
        delivery.setDaemon(true);
        delivery.start();
        transportBusy.await();

        assertThatThrownBy(() -> exchange.next(50)).isInstanceOfSatisfying(NegotiationException.class,
                e -> assertThat(e.failure().kind()).isEqualTo(Failure.Kind.TIMEOUT));
        delivery.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(delivery.isAlive()).as("the delivering thread is not stuck on the exchange's lock").isFalse();
        assertThat(aborted).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class LockingTransport implements Transport {
        private final Object lock;
        private final AtomicBoolean aborted;
        private final CountDownLatch abortRequested;

        LockingTransport(Object lock, AtomicBoolean aborted, CountDownLatch abortRequested) {
            this.lock = lock;
            this.aborted = aborted;
            this.abortRequested = abortRequested;
        }

        @Override
        public void open(String domain, TransportListener listener) {
        }

        @Override
        public void send(Element element) {
        }

        @Override
        public void restart() {
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
            abortRequested.countDown();
            synchronized (lock) {
                aborted.set(true);
            }
        }

        @Override
        public TransportKind kind() {
            return TransportKind.BOSH;
        }

        @Override
        public String endpoint() {
            return "http://127.0.0.1/http-bind";
        }

        @Override
        public TrafficCounter traffic() {
            return new TrafficCounter();
        }
    }
}
