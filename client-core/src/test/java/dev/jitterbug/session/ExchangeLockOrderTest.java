package dev.jitterbug.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jitterbug.Failure;
import dev.jitterbug.transport.TrafficCounter;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportKind;
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
        Exchange exchange = new Exchange(new LockingTransport(transportLock, aborted), 10_000);
        CountDownLatch transportBusy = new CountDownLatch(1);
        Thread delivery = new Thread(() -> {
            synchronized (transportLock) { // as BoshTransport does while delivering an answer
                transportBusy.countDown();
                sleep(300); // meanwhile the step times out and aborts
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class LockingTransport implements Transport {
        private final Object lock;
        private final AtomicBoolean aborted;

        LockingTransport(Object lock, AtomicBoolean aborted) {
            this.lock = lock;
            this.aborted = aborted;
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
