package dev.jitterbug.config;

import java.util.Locale;

/**
 * Every numeric or yes/no field of a retry-config document, in one table: where it sits in the JSON, its unit, the
 * range a document may ask for, and the hard limits no configuration can cross. The parser, the hard-limit clamp,
 * {@code config check} and the schema test all read this table, so they cannot disagree.
 *
 * <p>How the two ranges relate: the <em>allowed range</em> is what a document may say (outside it the whole document
 * is rejected); the <em>hard limits</em> are what the client will ever do, whatever the source. Every allowed range lies
 * inside its hard limits, so a document that passes validation is never clamped; the clamp only bites on
 * configurations that skipped validation (built in code, or persisted under older rules).
 */
public enum RetryParameter {
    BASE_MILLIS("backoff", "baseMillis", Unit.MILLISECONDS, true,
            500, 60_000, 500, 3_600_000,
            "Smallest backoff delay."),
    CAP_MILLIS("backoff", "capMillis", Unit.MILLISECONDS, true,
            10_000, 3_600_000, 10_000, 3_600_000,
            "Largest backoff delay; at least baseMillis."),
    MULTIPLIER("backoff", "multiplier", Unit.FACTOR, false,
            1.0, 10.0, 1.0, 10.0,
            "Growth per attempt (exponential family) or upper-bound factor (decorrelated family)."),
    SERVER_FAILURE_SPREAD_MILLIS("firstAttempt", "serverFailureSpreadMillis", Unit.MILLISECONDS, false,
            1_000, 600_000, 1_000, 600_000,
            "After a server-side failure the first attempt is spread uniformly over [0, this)."),
    BLIP_RETRY_WINDOW_MILLIS("firstAttempt", "blipRetryWindowMillis", Unit.MILLISECONDS, false,
            1_000, 30_000, 0, 60_000,
            "After a local blip (network change), and for the resume-first attempt after a lost link, the first attempt is spread over [0, this)."),
    PING_INTERVAL_MILLIS("liveness", "pingIntervalMillis", Unit.MILLISECONDS, false,
            5_000, 600_000, 5_000, 600_000,
            "How often a quiet link is probed (XEP-0198 <r/>, or an XEP-0199 ping)."),
    DEAD_LINK_TIMEOUT_MILLIS("liveness", "deadLinkTimeoutMillis", Unit.MILLISECONDS, false,
            2_000, 300_000, 1_000, 300_000,
            "How long a probe may go unanswered before the link counts as dead."),
    CONNECT_TIMEOUT_MILLIS("liveness", "connectTimeoutMillis", Unit.MILLISECONDS, false,
            5_000, 120_000, 2_000, 300_000,
            "How long one connection attempt (transport and login) may take."),
    BOSH_WAIT_SECONDS("bosh", "waitSeconds", Unit.SECONDS, false,
            10, 120, 1, 300,
            "BOSH 'wait': how long the connection manager may hold an empty request."),
    BOSH_HOLD("bosh", "hold", Unit.COUNT, false,
            1, 2, 1, 5,
            "BOSH 'hold': how many requests the connection manager may keep waiting."),
    BOSH_INITIAL_POLL_DELAY_MILLIS("bosh", "initialPollDelayMillis", Unit.MILLISECONDS, false,
            0, 60_000, 0, 120_000,
            "Delay before the first empty BOSH poll after a session is created."),
    RESUMPTION_ENABLED("resumption", "enabled", Unit.YES_NO, false, 0, 1, 0, 1,
            "Try XEP-0198 resumption before a full login."),
    PREFER_SASL2("resumption", "preferSasl2", Unit.YES_NO, false, 0, 1, 0, 1,
            "Use SASL2 + Bind2 when the server offers them."),
    STICKY_ROUTE("resumption", "stickyRoute", Unit.YES_NO, false, 0, 1, 0, 1,
            "Add route=<a random token of this client> to every WebSocket and BOSH URL, for a balancer that sticks "
                    + "on it: a dropped link then comes back to the node that holds its session."),
    STATUS_QUIET_MILLIS("status", "quietMillis", Unit.MILLISECONDS, false,
            0, 60_000, 0, 300_000,
            "Outages shorter than this are not shown to the user at all."),
    REFRESH_INTERVAL_MILLIS("refresh", "intervalMillis", Unit.MILLISECONDS, false,
            300_000, 86_400_000, 60_000, 86_400_000,
            "How often this document is fetched again while the client runs.");

    /** How a value is written in JSON and shown to people. */
    public enum Unit {
        MILLISECONDS("ms", true),
        SECONDS("s", true),
        COUNT("requests", true),
        FACTOR("factor", false),
        YES_NO("true/false", false);

        private final String label;
        private final boolean wholeNumber;

        Unit(String label, boolean wholeNumber) {
            this.label = label;
            this.wholeNumber = wholeNumber;
        }

        public String label() {
            return label;
        }

        /** Whether values must be integers (fractions are rejected, not rounded). */
        public boolean wholeNumber() {
            return wholeNumber;
        }
    }

    private final String section;
    private final String field;
    private final Unit unit;
    private final boolean required;
    private final double allowedMin;
    private final double allowedMax;
    private final double hardMin;
    private final double hardMax;
    private final String description;

    RetryParameter(String section, String field, Unit unit, boolean required, double allowedMin, double allowedMax,
            double hardMin, double hardMax, String description) {
        this.section = section;
        this.field = field;
        this.unit = unit;
        this.required = required;
        this.allowedMin = allowedMin;
        this.allowedMax = allowedMax;
        this.hardMin = hardMin;
        this.hardMax = hardMax;
        this.description = description;
    }

    /** The JSON object the field sits in, e.g. {@code backoff}. */
    public String section() {
        return section;
    }

    /** The field's name inside its section, e.g. {@code baseMillis}. */
    public String field() {
        return field;
    }

    /** {@code section.field}, as messages and the README name it. */
    public String path() {
        return section + "." + field;
    }

    public Unit unit() {
        return unit;
    }

    /** Whether a document must state this field (the others default to the built-in value). */
    public boolean required() {
        return required;
    }

    public double allowedMin() {
        return allowedMin;
    }

    public double allowedMax() {
        return allowedMax;
    }

    public double hardMin() {
        return hardMin;
    }

    public double hardMax() {
        return hardMax;
    }

    public String description() {
        return description;
    }

    /** The built-in default, as a number (1/0 for yes/no fields). */
    public double defaultValue() {
        return valueIn(RetryConfig.defaults());
    }

    /** This parameter's value in a config, as a number (1/0 for yes/no fields). */
    public double valueIn(RetryConfig c) {
        switch (this) {
            case BASE_MILLIS: return c.baseMillis();
            case CAP_MILLIS: return c.capMillis();
            case MULTIPLIER: return c.multiplier();
            case SERVER_FAILURE_SPREAD_MILLIS: return c.serverFailureSpreadMillis();
            case BLIP_RETRY_WINDOW_MILLIS: return c.blipRetryWindowMillis();
            case PING_INTERVAL_MILLIS: return c.pingIntervalMillis();
            case DEAD_LINK_TIMEOUT_MILLIS: return c.deadLinkTimeoutMillis();
            case CONNECT_TIMEOUT_MILLIS: return c.connectTimeoutMillis();
            case BOSH_WAIT_SECONDS: return c.boshWaitSeconds();
            case BOSH_HOLD: return c.boshHold();
            case BOSH_INITIAL_POLL_DELAY_MILLIS: return c.boshInitialPollDelayMillis();
            case RESUMPTION_ENABLED: return c.resumptionEnabled() ? 1 : 0;
            case PREFER_SASL2: return c.preferSasl2() ? 1 : 0;
            case STICKY_ROUTE: return c.stickyRoute() ? 1 : 0;
            case STATUS_QUIET_MILLIS: return c.statusQuietMillis();
            case REFRESH_INTERVAL_MILLIS: return c.refreshIntervalMillis();
            default: throw new AssertionError(this);
        }
    }

    /** Sets this parameter on a builder (whole-number units are given whole numbers by the callers). */
    public void applyTo(RetryConfig.Builder b, double value) {
        long whole = Math.round(value);
        switch (this) {
            case BASE_MILLIS: b.baseMillis(whole); break;
            case CAP_MILLIS: b.capMillis(whole); break;
            case MULTIPLIER: b.multiplier(value); break;
            case SERVER_FAILURE_SPREAD_MILLIS: b.serverFailureSpreadMillis(whole); break;
            case BLIP_RETRY_WINDOW_MILLIS: b.blipRetryWindowMillis(whole); break;
            case PING_INTERVAL_MILLIS: b.pingIntervalMillis(whole); break;
            case DEAD_LINK_TIMEOUT_MILLIS: b.deadLinkTimeoutMillis(whole); break;
            case CONNECT_TIMEOUT_MILLIS: b.connectTimeoutMillis(whole); break;
            case BOSH_WAIT_SECONDS: b.boshWaitSeconds((int) whole); break;
            case BOSH_HOLD: b.boshHold((int) whole); break;
            case BOSH_INITIAL_POLL_DELAY_MILLIS: b.boshInitialPollDelayMillis(whole); break;
            case RESUMPTION_ENABLED: b.resumptionEnabled(value != 0); break;
            case PREFER_SASL2: b.preferSasl2(value != 0); break;
            case STICKY_ROUTE: b.stickyRoute(value != 0); break;
            case STATUS_QUIET_MILLIS: b.statusQuietMillis(whole); break;
            case REFRESH_INTERVAL_MILLIS: b.refreshIntervalMillis(whole); break;
            default: throw new AssertionError(this);
        }
    }

    /** A value with its unit, for people: {@code 1500 ms}, {@code 3.0}, {@code true}. */
    public String format(double value) {
        switch (unit) {
            case YES_NO: return value != 0 ? "true" : "false";
            case FACTOR: return String.format(Locale.ROOT, "%s", value);
            case COUNT: return String.valueOf((long) value);
            default: return (long) value + " " + unit.label();
        }
    }
}
