package dev.jitterbug.fx.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Endpoint;
import dev.jitterbug.Failure;
import dev.jitterbug.FailureCategory;
import dev.jitterbug.SessionCost;
import dev.jitterbug.TransportKind;
import dev.jitterbug.config.RetryConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics without a UI: what the timeline keeps, what the summaries say, and the exported report. */
class DiagnosticsViewModelTest {
    private static final RetryConfig CONFIG = RetryConfig.builder().version("test-7").baseMillis(800)
            .statusQuietMillis(1_500).build();

    private SessionCost lastSession;
    private final List<Runnable> backgroundTasks = new ArrayList<>();
    private Endpoint endpoint;
    private boolean unencryptedAllowed;
    private final DiagnosticsViewModel model = new DiagnosticsViewModel(() -> CONFIG, () -> lastSession,
            () -> endpoint, () -> unencryptedAllowed, backgroundTasks::add, Runnable::run);

    @Test
    void recordsEveryConnectionEventInOrder() {
        outage();

        assertThat(model.timeline()).extracting(TimelineEntry::state).containsExactly(ConnectionState.CONNECTING,
                ConnectionState.CONNECTED, ConnectionState.DISCONNECTED, ConnectionState.WAITING,
                ConnectionState.CONNECTING, ConnectionState.RESUMED);
        assertThat(model.timeline().get(3).delayMillis()).isEqualTo(2_345);
        assertThat(model.timeline().get(3).attempt()).isEqualTo(1);
        assertThat(model.timeline().get(2).failure()).contains("CONNECTION_LOST").contains("dropped");
    }

    @Test
    void showsWhereItConnectsWhetherThatIsEncryptedAndLoudlyWhenTheInsecureSettingIsOn() {
        assertThat(model.connectionSummaryProperty().get())
                .isEqualTo("No connection attempt yet.\nUnencrypted connections: only to this machine.");

        endpoint = new Endpoint(URI.create("wss://chat.example.org/xmpp-websocket"), TransportKind.WEBSOCKET, true,
                "configured");
        event(ConnectionState.CONNECTING, 0, null, 0, 0);
        assertThat(model.connectionSummaryProperty().get()).isEqualTo("WebSocket wss://chat.example.org/xmpp-websocket"
                + " — encrypted\nWhy this address: configured\nUnencrypted connections: only to this machine.");

        unencryptedAllowed = true;
        endpoint = new Endpoint(URI.create("http://chat.example.org/http-bind"), TransportKind.BOSH, false,
                "configured");
        event(ConnectionState.CONNECTED, 1_000, null, 0, 0);
        assertThat(model.connectionSummaryProperty().get()).isEqualTo("INSECURE: this account allows unencrypted "
                + "connections to any server.\nBOSH http://chat.example.org/http-bind — NOT ENCRYPTED\nWhy this "
                + "address: configured");
        @SuppressWarnings("unchecked")
        Map<String, Object> connection = (Map<String, Object>) model.report().get("connection");
        assertThat(connection).containsEntry("endpoint", "http://chat.example.org/http-bind")
                .containsEntry("encrypted", false).containsEntry("insecureUnencryptedConnectionsForThisAccount", true);
    }

    @Test
    void showsTheCostOfTheLastSessionAcquisition() {
        assertThat(model.sessionSummaryProperty().get()).isEqualTo("No session yet.");
        lastSession = login(3, 1_512, 2_107, -1, -1);
        event(ConnectionState.CONNECTED, 1_000, null, 0, 0);

        assertThat(model.sessionSummaryProperty().get())
                .isEqualTo("New login (SCRAM-SHA-256, SASL2) over WebSocket: 3 round trips, 1512 bytes sent, 2107 received"
                        + ", … archived messages caught up, … roster items");

        lastSession = new SessionCost(TransportKind.BOSH, null, false, true, 1, 300, 280, 2, 2, 0, 0);
        event(ConnectionState.RESUMED, 2_000, null, 0, 0);
        assertThat(model.sessionSummaryProperty().get())
                .isEqualTo("Resumed over BOSH: 1 round trip, 300 bytes sent, 280 received");
    }

    @Test
    void takesTheCoresLaterMeasurementWhenAsked() {
        lastSession = login(3, 1_512, 2_107, -1, -1);
        event(ConnectionState.CONNECTED, 1_000, null, 0, 0);
        lastSession = login(4, 1_900, 3_000, 12, 2);

        model.refreshSession();

        assertThat(model.sessionSummaryProperty().get()).isEqualTo("New login (SCRAM-SHA-256, SASL2) over WebSocket: "
                + "4 round trips, 1900 bytes sent, 3000 received, 12 archived messages caught up, 2 roster items");
    }

    @Test
    void describesAFixedConfigByItsParameters() {
        assertThat(model.configSummaryProperty().get()).startsWith("Version test-7 (fixed for this account)")
                .contains("base 800 ms").contains("blips under 1500 ms stay quiet");
    }

    @Test
    void keepsABoundedTimeline() {
        for (int i = 0; i < DiagnosticsViewModel.MAX_ENTRIES + 10; i++) {
            event(ConnectionState.CONNECTING, i, null, i + 1, 0);
        }
        assertThat(model.timeline()).hasSize(DiagnosticsViewModel.MAX_ENTRIES);
        assertThat(model.timeline().get(0).attempt()).as("the oldest fell off").isEqualTo(11);
    }

    @Test
    void exportsTimelineAndConfigAsOneJsonFileOffTheCallingThread(@TempDir Path dir) throws Exception {
        outage();
        lastSession = new SessionCost(TransportKind.WEBSOCKET, "SCRAM-SHA-1", false, false, 5, 10, 20, 3, 4, -1, -1);
        event(ConnectionState.CONNECTED, 9_000, null, 0, 0);
        Path file = dir.resolve("reports").resolve("report.json");

        var written = model.exportReport(file);
        assertThat(Files.exists(file)).as("nothing written on the calling thread").isFalse();
        assertThat(model.exportMessageProperty().get()).isEqualTo("Writing the report…");
        backgroundTasks.forEach(Runnable::run);

        assertThat(written.get(5, TimeUnit.SECONDS)).isEqualTo(file);
        assertThat(model.exportMessageProperty().get()).isEqualTo("Report written to " + file);
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        assertThat(report.path("format").asText()).isEqualTo("jitterbug-diagnostics/1");
        assertThat(report.path("retryConfig").path("source").asText()).isEqualTo("FIXED");
        assertThat(report.path("retryConfig").path("effective").path("version").asText()).isEqualTo("test-7");
        assertThat(report.path("retryConfig").path("effective").path("baseMillis").asLong()).isEqualTo(800);
        assertThat(report.path("lastSession").path("roundTrips").asInt()).isEqualTo(5);
        assertThat(report.path("timeline")).hasSize(7);
        JsonNode waiting = report.path("timeline").get(3);
        assertThat(waiting.path("state").asText()).isEqualTo("WAITING");
        assertThat(waiting.path("delayMillis").asLong()).isEqualTo(2_345);
        assertThat(waiting.path("at").asText()).isEqualTo("1970-01-01T00:00:03Z");
    }

    @Test
    void saysWhyAReportCouldNotBeWritten(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.write(blocker, new byte[] {1});

        model.exportReport(blocker.resolve("report.json"));
        backgroundTasks.forEach(Runnable::run);

        assertThat(model.exportMessageProperty().get()).startsWith("The report could not be written to "
                + blocker.resolve("report.json"));
    }

    private void outage() {
        event(ConnectionState.CONNECTING, 0, null, 1, 0);
        event(ConnectionState.CONNECTED, 1_000, null, 0, 0);
        event(ConnectionState.DISCONNECTED, 3_000, Failure.of(Failure.Kind.CONNECTION_LOST, "The connection was dropped."),
                0, 0);
        event(ConnectionState.WAITING, 3_000, null, 1, 2_345);
        event(ConnectionState.CONNECTING, 5_345, null, 1, 0);
        event(ConnectionState.RESUMED, 5_600, null, 0, 0);
    }

    private void event(ConnectionState state, long at, Failure failure, int attempt, long delay) {
        model.onConnectionEvent(switch (state) {
            case CONNECTING -> ConnectionEvent.connecting(at, attempt, null);
            case CONNECTED, RESUMED -> ConnectionEvent.online(state, at);
            case DISCONNECTED -> ConnectionEvent.disconnected(at, failure, FailureCategory.LOCAL_BLIP, attempt);
            case WAITING -> ConnectionEvent.waiting(at, attempt, delay, delay / 2, delay * 2, null);
            default -> throw new IllegalArgumentException(state + " is not used here");
        });
    }

    /** A new login over WebSocket with SCRAM-SHA-256 and SASL2; the catch-up counts are -1 until it is done. */
    private static SessionCost login(int roundTrips, long sent, long received, int archived, int roster) {
        return new SessionCost(TransportKind.WEBSOCKET, "SCRAM-SHA-256", true, false, roundTrips, sent, received, 5, 7,
                archived, roster);
    }
}
