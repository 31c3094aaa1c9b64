package dev.jitterbug.fx.demo;

/** What the demo's "Simulate" menu can do to the link between the app and the demo server. */
public enum Simulation {
    /** The link drops and stays down for about a second: shorter than the status line's quiet time. */
    BLIP("Blip (1 s)"),
    /** Every open connection is reset once; new ones get through at once. */
    LINK_DROP("Link drop"),
    /** The link drops and no connection gets through for 20 s. */
    OUTAGE("Outage (20 s)"),
    /** The server process is killed (no goodbye), then started again after a few seconds. */
    SERVER_RESTART("Server kill and restart"),
    /** The link goes down and up again several times in a row. */
    FLAPPING("Flapping link");

    private final String label;

    Simulation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
