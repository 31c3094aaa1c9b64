package dev.jitterbug.fx.diagnostics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jitterbug.ClientListener;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.Contact;
import dev.jitterbug.Endpoint;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.SessionCost;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.config.RetryConfigListener;
import dev.jitterbug.config.RetryConfigStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What a beta tester sees and sends us about reconnecting: the timeline of connection events (disconnects, chosen
 * delays, attempts), where the client connects and whether that is encrypted (and, loudly, when the account allows
 * unencrypted connections), the retry config in force and where it came from, and what the last session
 * acquisition cost.
 * "Export report" writes all of it as one JSON file, on the background executor.
 *
 * <p>Hears connection events, retry config news, and deliveries and roster pushes (after which the core may have
 * finished measuring the session). Threading: called on the FX thread (events arrive through the bridge); only the
 * file writing happens elsewhere.
 */
public final class DiagnosticsViewModel implements ClientListener, RetryConfigListener {
    /** The timeline keeps this many events; older ones fall off (a flapping link must not grow memory forever). */
    public static final int MAX_ENTRIES = 2_000;

    private final Supplier<RetryConfig> configInForce;
    private final Supplier<SessionCost> lastSession;
    private final Supplier<Endpoint> endpoint;
    private final BooleanSupplier unencryptedAllowed;
    private final Executor background;
    private final Executor fxThread;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObservableList<TimelineEntry> timeline = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RetryConfigStatus> configStatus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper configSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper connectionSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SessionCost> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper sessionSummary = new ReadOnlyStringWrapper("No session yet.");
    private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");

    /**
     * @param configInForce the parameters the client uses now (cheap, no I/O)
     * @param lastSession the cost of the last session acquisition, or null before the first (cheap, no I/O)
     * @param endpoint where the current or last attempt connects, or null before the first (cheap, no I/O)
     * @param unencryptedAllowed whether the account allows unencrypted connections to other machines
     */
    public DiagnosticsViewModel(Supplier<RetryConfig> configInForce, Supplier<SessionCost> lastSession,
            Supplier<Endpoint> endpoint, BooleanSupplier unencryptedAllowed, Executor background, Executor fxThread) {
        this.configInForce = configInForce;
        this.lastSession = lastSession;
        this.endpoint = endpoint;
        this.unencryptedAllowed = unencryptedAllowed;
        this.background = background;
        this.fxThread = fxThread;
        refreshConfigSummary();
        refreshConnection();
    }

    public ObservableList<TimelineEntry> timeline() {
        return FXCollections.unmodifiableObservableList(timeline);
    }

    public ReadOnlyObjectProperty<RetryConfigStatus> configStatusProperty() {
        return configStatus.getReadOnlyProperty();
    }

    /** The retry config in force, where it came from and when, in a few lines. */
    public ReadOnlyStringProperty configSummaryProperty() {
        return configSummary.getReadOnlyProperty();
    }

    /** Where the client connects, why there, whether it is encrypted, and whether the insecure setting is on. */
    public ReadOnlyStringProperty connectionSummaryProperty() {
        return connectionSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SessionCost> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sessionSummaryProperty() {
        return sessionSummary.getReadOnlyProperty();
    }

    /** Where the last report went, or why it could not be written. */
    public ReadOnlyStringProperty exportMessageProperty() {
        return exportMessage.getReadOnlyProperty();
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        if (timeline.size() >= MAX_ENTRIES) {
            timeline.remove(0, timeline.size() - MAX_ENTRIES + 1);
        }
        timeline.add(TimelineEntry.of(event));
        if (event.state().isOnline()) {
            refreshSession();
        }
        refreshConfigSummary();
        refreshConnection();
    }

    @Override
    public void onSessionCost(SessionCost cost) {
        refreshSession(); // the catch-up finished: the archive and roster counts are known now
    }

    @Override
    public void onDelivery(OutgoingMessage message) {
        refreshSession();
    }

    @Override
    public void onRoster(List<Contact> contacts) {
        refreshSession();
    }

    /**
     * Reads the cost of the last session acquisition again: the core finishes measuring a new login only after the
     * roster check and the archive catch-up, a little after the session came online. Cheap; no I/O.
     */
    public void refreshSession() {
        SessionCost cost = lastSession.get();
        if (cost != null) {
            session.set(cost);
            sessionSummary.set(describe(cost));
        }
    }

    @Override
    public void retryConfigChanged(RetryConfigStatus status) {
        retryConfigStatusChanged(status);
    }

    @Override
    public void retryConfigStatusChanged(RetryConfigStatus status) {
        configStatus.set(status);
        refreshConfigSummary();
    }

    /**
     * Writes the report to {@code file} on the background executor; the returned future completes (on that
     * executor) with the file, and {@link #exportMessageProperty()} says how it went.
     */
    public CompletableFuture<Path> exportReport(Path file) {
        Map<String, Object> report = report(); // a snapshot taken here, on the FX thread
        exportMessage.set("Writing the report…");
        return CompletableFuture.supplyAsync(() -> {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                mapper.writeValue(file.toFile(), report);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background).whenComplete((written, error) -> fxThread.execute(() -> exportMessage.set(error == null
                ? "Report written to " + written
                : "The report could not be written to " + file + ": " + rootMessage(error))));
    }

    /** The report as plain maps and lists (what {@link #exportReport} writes). */
    Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("format", "jitterbug-diagnostics/1");
        report.put("generatedAt", Instant.now().toString());
        report.put("connection", connectionReport());
        report.put("retryConfig", configReport());
        SessionCost cost = session.get();
        report.put("lastSession", cost == null ? null : sessionReport(cost));
        List<Map<String, Object>> events = new ArrayList<>(timeline.size());
        for (TimelineEntry entry : timeline) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", Instant.ofEpochMilli(entry.atMillis()).toString());
            row.put("atMillis", entry.atMillis());
            row.put("state", entry.state().name());
            row.put("attempt", entry.attempt());
            row.put("delayMillis", entry.delayMillis());
            row.put("failure", entry.failure());
            row.put("detail", entry.detail());
            events.add(row);
        }
        report.put("timeline", events);
        return report;
    }

    private Map<String, Object> connectionReport() {
        Map<String, Object> connection = new LinkedHashMap<>();
        Endpoint current = endpoint.get();
        connection.put("endpoint", current == null ? null : current.uri().toString());
        connection.put("transport", current == null ? null : current.kind().label());
        connection.put("encrypted", current == null ? null : current.isSecure());
        connection.put("reason", current == null ? null : current.reason());
        connection.put("insecureUnencryptedConnectionsForThisAccount", unencryptedAllowed.getAsBoolean());
        return connection;
    }

    private Map<String, Object> configReport() {
        Map<String, Object> config = new LinkedHashMap<>();
        RetryConfigStatus status = configStatus.get();
        if (status != null) {
            config.put("source", status.source().name());
            config.put("location", status.location());
            config.put("version", status.version());
            config.put("etag", status.etag());
            config.put("fetchedAt", status.fetchedAtMillis() < 0 ? null
                    : Instant.ofEpochMilli(status.fetchedAtMillis()).toString());
            config.put("lastError", status.lastError());
            config.put("consecutiveFailures", status.consecutiveFailures());
            config.put("ignoredFields", status.ignoredFields());
        } else {
            config.put("source", "FIXED");
        }
        RetryConfig effective = configInForce.get();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("version", effective.version());
        parameters.put("algorithm", effective.algorithm().jsonName());
        parameters.put("baseMillis", effective.baseMillis());
        parameters.put("capMillis", effective.capMillis());
        parameters.put("multiplier", effective.multiplier());
        parameters.put("serverFailureSpreadMillis", effective.serverFailureSpreadMillis());
        parameters.put("blipRetryWindowMillis", effective.blipRetryWindowMillis());
        parameters.put("statusQuietMillis", effective.statusQuietMillis());
        parameters.put("resumptionEnabled", effective.resumptionEnabled());
        config.put("effective", parameters);
        return config;
    }

    private static Map<String, Object> sessionReport(SessionCost cost) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("transport", cost.transport().label());
        map.put("resumed", cost.resumed());
        map.put("mechanism", cost.mechanism());
        map.put("sasl2", cost.sasl2());
        map.put("roundTrips", cost.roundTrips());
        map.put("bytesSent", cost.bytesSent());
        map.put("bytesReceived", cost.bytesReceived());
        return map;
    }

    /**
     * E.g. "Resumed over WebSocket: 2 round trips, 412 bytes sent, 389 received". A new login also says what its
     * catch-up fetched, "…" while that is still running.
     */
    static String describe(SessionCost cost) {
        String how = cost.resumed() ? "Resumed" : "New login (" + (cost.mechanism() == null ? "?" : cost.mechanism())
                + (cost.sasl2() ? ", SASL2" : "") + ")";
        int roundTrips = cost.roundTrips();
        String line = how + " over " + cost.transport().label() + ": " + roundTrips
                + (roundTrips == 1 ? " round trip, " : " round trips, ") + cost.bytesSent() + " bytes sent, "
                + cost.bytesReceived() + " received";
        if (cost.resumed()) {
            return line; // a resume fetches neither archive nor roster
        }
        return line + ", " + countOrPending(cost.archivedMessages()) + " archived messages caught up, "
                + countOrPending(cost.rosterItems()) + " roster items";
    }

    /** A count the core reports as -1 until the catch-up after a new login has finished. */
    private static String countOrPending(int count) {
        return count >= 0 ? String.valueOf(count) : "…";
    }

    /** Reads the endpoint and the insecure setting again (cheap; no I/O). */
    private void refreshConnection() {
        connectionSummary.set(describe(endpoint.get(), unencryptedAllowed.getAsBoolean()));
    }

    /**
     * One line each, e.g. "WebSocket wss://chat.example.org/xmpp-websocket — encrypted", "Why this address:
     * configured", "Unencrypted connections: only to this machine". With the insecure setting on, its warning comes
     * first instead.
     */
    static String describe(Endpoint current, boolean unencryptedAllowed) {
        StringBuilder text = new StringBuilder();
        if (unencryptedAllowed) {
            text.append("INSECURE: this account allows unencrypted connections to any server.\n");
        }
        if (current == null) {
            text.append("No connection attempt yet.");
        } else {
            text.append(current.kind().label()).append(' ').append(current.uri()).append(" — ")
                    .append(current.isSecure() ? "encrypted" : current.isLoopback()
                            ? "not encrypted (this machine only)" : "NOT ENCRYPTED")
                    .append("\nWhy this address: ").append(current.reason());
        }
        if (!unencryptedAllowed) {
            text.append("\nUnencrypted connections: only to this machine.");
        }
        return text.toString();
    }

    private void refreshConfigSummary() {
        RetryConfig effective = configInForce.get();
        StringBuilder text = new StringBuilder();
        RetryConfigStatus status = configStatus.get();
        if (status == null) {
            text.append("Version ").append(effective.version()).append(" (fixed for this account)");
        } else {
            text.append("Version ").append(status.version()).append(" — ").append(sourceInWords(status.source()));
            if (status.fetchedAtMillis() >= 0) {
                text.append(", fetched ").append(Instant.ofEpochMilli(status.fetchedAtMillis()));
            }
            text.append("\nFrom ").append(status.location());
            if (status.lastError() != null) {
                text.append("\nLast problem: ").append(status.lastError());
            }
        }
        text.append("\n").append(effective.algorithm().jsonName()).append(" backoff, base ")
                .append(effective.baseMillis()).append(" ms, cap ").append(effective.capMillis())
                .append(" ms, server-failure spread ").append(effective.serverFailureSpreadMillis())
                .append(" ms, blips under ").append(effective.statusQuietMillis()).append(" ms stay quiet");
        configSummary.set(text.toString());
    }

    private static String sourceInWords(RetryConfigStatus.Source source) {
        switch (source) {
            case REMOTE:
                return "fetched from the server";
            case PERSISTED:
                return "the copy saved after an earlier fetch";
            default:
                return "the built-in defaults";
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
