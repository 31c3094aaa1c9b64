package dev.jitterbug.fx.demo;

/**
 * Carries out simulations on the demo's link or server. Blocking: a simulation returns when it is over (an outage
 * after its 20 s), so callers run it off the FX thread.
 */
public interface FaultInjector {
    void run(Simulation simulation) throws InterruptedException;

    /** Adds a fixed delay to every chunk in both directions (the "slow link"), or removes it. Does not block. */
    void slowLink(boolean on);
}
