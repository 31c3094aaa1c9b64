package dev.jitterbug.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Connection attempts per 100 ms over time, one line per policy, with the server's capacity as a dashed line. */
final class AttemptsChart {
    static final int BUCKET_MILLIS = 100;
    private static final Color[] COLORS = {new Color(0xD62728), new Color(0x2CA02C), new Color(0x9467BD),
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x17BECF)};

    private AttemptsChart() {
    }

    static void write(String title, List<String> names, List<int[]> bucketsPerSeries, double capacityPerSecond,
            double horizonSeconds, Path file) throws IOException {
        write(title, names, bucketsPerSeries, "capacity C", capacityPerSecond, horizonSeconds, file);
    }

    static void write(String title, List<String> names, List<int[]> bucketsPerSeries, String capacityName,
            double capacityPerSecond, double horizonSeconds, Path file) throws IOException {
        write(title, "connection attempts", names, bucketsPerSeries, capacityName, capacityPerSecond, horizonSeconds,
                file);
    }

    /** As above, counting {@code what} (e.g. "new sessions at the surviving node") per 100 ms. */
    static void write(String title, String what, List<String> names, List<int[]> bucketsPerSeries,
            String capacityName, double capacityPerSecond, double horizonSeconds, Path file) throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (int s = 0; s < names.size(); s++) {
            XYSeries series = new XYSeries(names.get(s));
            int[] buckets = bucketsPerSeries.get(s);
            for (int b = 0; b < buckets.length && b * BUCKET_MILLIS / 1000.0 <= horizonSeconds; b++) {
                series.add(b * BUCKET_MILLIS / 1000.0, buckets[b] > 0 ? buckets[b] : 0.5); // log axis: 0 sits at 0.5
            }
            dataset.addSeries(series);
        }
        double perBucket = capacityPerSecond * BUCKET_MILLIS / 1000.0;
        XYSeries capacity = new XYSeries(String.format(java.util.Locale.ROOT,
                "%s = %.0f/s (%.1f per 100 ms)", capacityName, capacityPerSecond, perBucket));
        capacity.add(0, perBucket);
        capacity.add(horizonSeconds, perBucket);
        dataset.addSeries(capacity);

        LogAxis yAxis = new LogAxis(what + " per 100 ms (log scale; 0.5 = none)");
        yAxis.setSmallestValue(0.5);
        yAxis.setTickUnit(new NumberTickUnit(1.0));
        yAxis.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        NumberAxis xAxis = new NumberAxis("seconds after the failure");
        xAxis.setRange(0, horizonSeconds);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < names.size(); s++) {
            renderer.setSeriesPaint(s, COLORS[s % COLORS.length]);
            renderer.setSeriesStroke(s, new BasicStroke(1.2f));
        }
        renderer.setSeriesPaint(names.size(), Color.BLACK);
        renderer.setSeriesStroke(names.size(), new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {6f, 4f}, 0f));
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 650);
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
