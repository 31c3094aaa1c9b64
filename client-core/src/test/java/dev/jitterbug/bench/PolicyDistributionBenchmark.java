package dev.jitterbug.bench;

import dev.jitterbug.reconnect.BackoffAlgorithm;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.reconnect.BackoffPolicies;
import dev.jitterbug.reconnect.BackoffPolicy;
import dev.jitterbug.reconnect.RandomSource;
import dev.jitterbug.reconnect.SplitMixRandomSource;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Where each jittered policy puts a fleet at attempt k: histogram (1 s bins), mean, percentiles, the share at exactly
 * the cap and the largest group of clients sharing one delay. Shows the AWS pile-up at the cap and its absence in
 * ours. Size: {@code -Dbench.policy.clients} (default 100,000), {@code -Dbench.policy.attempts} (default "3,10").
 * Parameters are the built-in retry config's (base 1 s, cap 120 s, multiplier 3).
 */
public final class PolicyDistributionBenchmark {
    private static final BackoffAlgorithm[] POLICIES = {BackoffAlgorithm.FULL_JITTER, BackoffAlgorithm.EQUAL_JITTER,
        BackoffAlgorithm.DECORRELATED_JITTER, BackoffAlgorithm.DECORRELATED_JITTER_SMOOTH};
    private static final Color[] COLORS = {new Color(0x2CA02C), new Color(0x8C564B), new Color(0x9467BD),
        new Color(0x1F77B4)};

    private PolicyDistributionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int clients = BenchOutput.intProperty("bench.policy.clients", 100_000);
        String attemptList = System.getProperty("bench.policy.attempts", "3,10");
        RetryConfig config = RetryConfig.defaults();
        Path dir = BenchOutput.directory();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Delay at attempt k for %,d clients with different seeds; base %d ms, cap %d ms, multiplier %.1f.%n%n",
                clients, config.baseMillis(), config.capMillis(), config.multiplier()));
        md.append("| attempt | policy | mean | p5 | p50 | p95 | exactly at cap | largest group with one delay |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (String item : attemptList.split(",")) {
            int attempt = Integer.parseInt(item.trim());
            long[][] delays = new long[POLICIES.length][];
            for (int p = 0; p < POLICIES.length; p++) {
                delays[p] = delaysAt(BackoffPolicies.create(POLICIES[p], config.baseMillis(), config.capMillis(),
                        config.multiplier()), attempt, clients);
                md.append(row(attempt, POLICIES[p], delays[p], config.capMillis()));
            }
            BenchOutput.write(dir.resolve("policy-distribution-attempt-" + attempt + ".csv"),
                    histogramCsv(delays, config.capMillis()));
            chart(delays, attempt, clients, config.capMillis(), dir.resolve("policy-distribution-attempt-" + attempt + ".png"));
        }
        md.append(String.format(Locale.ROOT, "%nMachine: %s.%n", BenchOutput.machine()));
        BenchOutput.write(dir.resolve("policy-distribution.md"), md.toString());
        System.out.print(md);
    }

    private static long[] delaysAt(BackoffPolicy policy, int attempt, int clients) {
        long[] result = new long[clients];
        for (int client = 0; client < clients; client++) {
            RandomSource random = new SplitMixRandomSource(0x5EED_0000L + client * 0x9E3779B97F4A7C15L);
            long previous = 0;
            for (int n = 1; n <= attempt; n++) {
                previous = policy.delayMillis(n, previous, random);
            }
            result[client] = previous;
        }
        return result;
    }

    private static String row(int attempt, BackoffAlgorithm algorithm, long[] delays, long cap) {
        long[] sorted = delays.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        long atCap = Arrays.stream(sorted).filter(d -> d == cap).count();
        Map<Long, Integer> groups = new HashMap<>();
        int largest = 0;
        for (long d : sorted) {
            largest = Math.max(largest, groups.merge(d, 1, Integer::sum));
        }
        return String.format(Locale.ROOT, "| %d | %s | %.1f s | %.1f s | %.1f s | %.1f s | %.2f %% | %.2f %% |%n",
                attempt, algorithm.jsonName(), mean / 1000, percentile(sorted, 0.05) / 1000.0,
                percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.95) / 1000.0, 100.0 * atCap / sorted.length,
                100.0 * largest / sorted.length);
    }

    private static long percentile(long[] sorted, double share) {
        return sorted[Math.min(sorted.length - 1, (int) (share * sorted.length))];
    }

    private static int[] histogram(long[] delays, long cap) {
        int[] bins = new int[(int) (cap / 1000) + 1];
        for (long d : delays) {
            bins[(int) (d / 1000)]++;
        }
        return bins;
    }

    private static String histogramCsv(long[][] delays, long cap) {
        StringBuilder csv = new StringBuilder("delay_bin_start_s");
        int[][] bins = new int[delays.length][];
        for (int p = 0; p < POLICIES.length; p++) {
            csv.append(',').append(POLICIES[p].jsonName());
            bins[p] = histogram(delays[p], cap);
        }
        csv.append('\n');
        for (int bin = 0; bin < bins[0].length; bin++) {
            csv.append(bin);
            for (int[] policyBins : bins) {
                csv.append(',').append(policyBins[bin]);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static void chart(long[][] delays, int attempt, int clients, long cap, Path file) throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (int p = 0; p < POLICIES.length; p++) {
            XYSeries series = new XYSeries(POLICIES[p].jsonName());
            int[] bins = histogram(delays[p], cap);
            for (int bin = 0; bin < bins.length; bin++) {
                series.add(bin, bins[bin] > 0 ? bins[bin] : Double.NaN);
            }
            dataset.addSeries(series);
        }
        XYStepRenderer renderer = new XYStepRenderer();
        for (int p = 0; p < POLICIES.length; p++) {
            renderer.setSeriesPaint(p, COLORS[p]);
            renderer.setSeriesStroke(p, new BasicStroke(p == POLICIES.length - 1 ? 2.5f : 1.5f));
        }
        LogAxis yAxis = new LogAxis("clients per 1 s bin (log scale)");
        yAxis.setSmallestValue(0.5);
        yAxis.setTickUnit(new NumberTickUnit(1.0)); // one tick per power of ten
        yAxis.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        NumberAxis xAxis = new NumberAxis("delay before attempt " + attempt + " (s); the last bin holds exactly the cap");
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // ours last, on top
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT,
                "Backoff delay at attempt %d, %,d clients (cap %d s)", attempt, clients, cap / 1000),
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 600);
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
