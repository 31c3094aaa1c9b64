package dev.jitterbug.fx.diagnostics;

import dev.jitterbug.ConnectionState;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The diagnostics pane: a live chart of disconnects, chosen delays and attempts over time, where the client connects
 * (and whether that is encrypted), the retry config in force, the cost of the last session acquisition, the raw timeline, and "Export report".
 */
public final class DiagnosticsView extends VBox {
    private final DiagnosticsViewModel model;
    private final XYChart.Series<Number, Number> disconnects = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> delays = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> attempts = new XYChart.Series<>();

    /** @param reportFile where the next report goes (asked each time, e.g. with a time stamp in the name) */
    public DiagnosticsView(DiagnosticsViewModel model, Supplier<Path> reportFile) {
        this.model = model;
        setId("diagnostics");
        getStyleClass().add("diagnostics-view");
        setSpacing(10);
        setPadding(new Insets(12));

        NumberAxis time = new NumberAxis();
        time.setLabel("seconds since the first event");
        time.setForceZeroInRange(true);
        NumberAxis seconds = new NumberAxis();
        seconds.setLabel("chosen delay (s)");
        ScatterChart<Number, Number> chart = new ScatterChart<>(time, seconds);
        chart.setId("timeline-chart");
        chart.setAnimated(false);
        chart.setTitle("Reconnect timeline");
        disconnects.setName("Disconnect");
        delays.setName("Delay chosen");
        attempts.setName("Attempt started");
        chart.getData().addAll(List.of(disconnects, delays, attempts));
        chart.setPrefHeight(260);
        chart.setMinHeight(220); // the chart is the point of the pane: the event list gives way first

        Label connection = summary("connection-summary", model.connectionSummaryProperty());
        Label config = summary("config-summary", model.configSummaryProperty());
        Label session = summary("session-summary", model.sessionSummaryProperty());

        ListView<TimelineEntry> events = new ListView<>(model.timeline());
        events.setId("timeline-events");
        events.setPrefHeight(160);

        Button export = new Button("Export report", new FontIcon("fth-download"));
        export.setId("export-report");
        export.setOnAction(e -> model.exportReport(reportFile.get()));
        Label exported = new Label();
        exported.setId("export-message");
        exported.getStyleClass().add("hint");
        exported.setWrapText(true);
        exported.textProperty().bind(model.exportMessageProperty());
        HBox exportRow = new HBox(10, export, exported);
        HBox.setHgrow(exported, Priority.ALWAYS);

        getChildren().addAll(chart, section("Connection"), connection, section("Retry config in force"), config,
                section("Last session acquisition"), session, section("Events"), events, exportRow);
        VBox.setVgrow(events, Priority.ALWAYS);

        model.timeline().addListener((ListChangeListener<TimelineEntry>) change -> replot());
        replot();
    }

    /** A few lines of text that grow downwards instead of being cut off. */
    private static Label summary(String id, ReadOnlyStringProperty text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        return label;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    /** Redraws from the timeline (at most a few thousand points: cheap). */
    private void replot() {
        disconnects.getData().clear();
        delays.getData().clear();
        attempts.getData().clear();
        List<TimelineEntry> entries = model.timeline();
        if (entries.isEmpty()) {
            return;
        }
        long start = entries.get(0).atMillis();
        for (TimelineEntry entry : entries) {
            double x = (entry.atMillis() - start) / 1000.0;
            if (entry.state() == ConnectionState.DISCONNECTED) {
                disconnects.getData().add(new XYChart.Data<>(x, 0));
            } else if (entry.state() == ConnectionState.WAITING) {
                delays.getData().add(new XYChart.Data<>(x, entry.delayMillis() / 1000.0));
            } else if (entry.state() == ConnectionState.CONNECTING) {
                attempts.getData().add(new XYChart.Data<>(x, 0));
            }
        }
    }
}
