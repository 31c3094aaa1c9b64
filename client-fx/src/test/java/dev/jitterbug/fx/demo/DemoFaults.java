package dev.jitterbug.fx.demo;

import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyServer;
import java.time.Duration;

/**
 * The demo's faults, made with its own loopback proxy between the app and Prosody (a dropped or refused link, added
 * latency) and with the server process itself (kill and restart). Bob talks to Prosody directly, so he keeps
 * talking through the proxy's faults.
 */
public final class DemoFaults implements FaultInjector {
    /** How long each fault lasts; the demo uses {@link #DEMO}, tests shorter ones. */
    public record Timings(Duration blip, Duration outage, Duration serverDown, Duration flapDown, Duration flapUp,
            int flaps, long slowLinkMillis) {
        public static final Timings DEMO = new Timings(Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(3), Duration.ofMillis(1_500), Duration.ofMillis(2_500), 5, 300);
    }

    private final LoopbackProxy proxy;
    private final ProsodyServer server;
    private final Timings timings;

    public DemoFaults(LoopbackProxy proxy, ProsodyServer server, Timings timings) {
        this.proxy = proxy;
        this.server = server;
        this.timings = timings;
    }

    @Override
    public void run(Simulation simulation) throws InterruptedException {
        switch (simulation) {
            case BLIP -> linkDown(timings.blip());
            case LINK_DROP -> proxy.cutAll();
            case OUTAGE -> linkDown(timings.outage());
            case SERVER_RESTART -> {
                server.kill();
                Thread.sleep(timings.serverDown().toMillis());
                server.start();
            }
            case FLAPPING -> {
                for (int i = 0; i < timings.flaps(); i++) {
                    linkDown(timings.flapDown());
                    Thread.sleep(timings.flapUp().toMillis());
                }
            }
            default -> throw new IllegalArgumentException("unknown simulation " + simulation);
        }
    }

    @Override
    public void slowLink(boolean on) {
        proxy.delayMillis(on ? timings.slowLinkMillis() : 0);
    }

    /** Resets every connection and refuses new ones for a while, as when a cable is pulled and put back. */
    private void linkDown(Duration howLong) throws InterruptedException {
        proxy.refuse(true);
        proxy.cutAll();
        try {
            Thread.sleep(howLong.toMillis());
        } finally {
            proxy.refuse(false);
        }
    }
}
