package dev.trainbench.ui.bench;

import dev.trainbench.ui.chart.Decimator;
import dev.trainbench.ui.chart.LiveChart;
import dev.trainbench.ui.chart.SeriesBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

/**
 * Frame cost of {@link LiveChart} for short and very long series, against a plain LineChart
 * given every point. One frame = append new points, refresh (decimate + setAll), CSS + layout,
 * render (scene snapshot, software pipeline). Then the decimation alone: the cached and
 * pyramid-backed decimation the charts use against a full rescan of the visible points (what the
 * charts did before), alternating, at 10k, 100k and 1M points. Run headless ({@code decimation} as the argument runs only the second part, no
 * JavaFX needed):
 * <pre>
 * java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -cp ... \
 *     dev.trainbench.ui.bench.ChartBenchmark [decimation]
 * </pre>
 */
public final class ChartBenchmark {
    private static final int FRAMES = 20;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("decimation")) {
            decimation();
            return;
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        System.out.println("frame = append 100 points/series + refresh + css/layout + render; 1000x500 px, 2 series, smoothing on");
        for (int n : new int[] {1_000, 10_000, 100_000, 1_000_000, 1_000_000}) {
            System.out.println(onFx(() -> liveChart(n)));
        }
        for (int n : new int[] {1_000, 1_000_000}) {
            System.out.println(onFx(() -> decimatedLineChart(n)));
        }
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            System.out.println(onFx(() -> plainLineChart(n)));
        }
        decimation();
        Platform.exit();
        System.exit(0);
    }

    /**
     * Decimating one frame of a 1000-px chart: two series, raw and smoothed curve each, whole run
     * visible, 100 new points per frame. "live": the X range fitted as the chart fits it (round
     * bounds that stay put for long stretches: the column cache applies); "moving": the range ends
     * at the last point, so it changes every frame (as when panning: every column from the pyramid).
     * Rounds alternate the three methods; medians of 7 rounds of 50 frames each.
     */
    private static void decimation() {
        System.out.println("decimation per frame, timed alone (2 series x raw + smoothed, 920 columns, whole run visible, "
                + "100 new points/frame between frames); medians of 7 alternating rounds of 50 frames:");
        int columns = 920;
        double[] ox = new double[2 * columns];
        double[] oy = new double[2 * columns];
        for (int n : new int[] {10_000, 100_000, 1_000_000}) {
            Random r = new Random(1);
            SeriesBuffer[] s = {new SeriesBuffer(n, 0.9, SeriesBuffer.UNBOUNDED), new SeriesBuffer(n, 0.9, SeriesBuffer.UNBOUNDED)};
            int step = 0;
            for (; step < n; step++) {
                for (SeriesBuffer b : s) {
                    b.append(step, loss(step, r));
                }
            }
            long[][] times = new long[3][7];
            for (int round = -2; round < 7; round++) {
                for (int method = 0; method < 3; method++) {
                    long spent = 0;
                    for (int f = 0; f < 50; f++) {
                        for (int k = 0; k < 100; k++, step++) {
                            for (SeriesBuffer b : s) {
                                b.append(step, loss(step, r));
                            }
                        }
                        double xMax = method == 0 ? dev.trainbench.ui.chart.ChartAxis.fitX(0, step).max() : step;
                        // the rescan's reference arrays are copied out of the (chunked) buffers before the clock starts
                        double[][] flat = new double[3 * s.length][];
                        if (method == 2) {
                            for (int k = 0; k < s.length; k++) {
                                flat[3 * k] = s[k].xsForBenchmark();
                                flat[3 * k + 1] = s[k].ysForBenchmark(false);
                                flat[3 * k + 2] = s[k].ysForBenchmark(true);
                            }
                        }
                        long t0 = System.nanoTime();
                        for (int k = 0; k < s.length; k++) {
                            SeriesBuffer b = s[k];
                            if (method < 2) {
                                Decimator.minMax(b, false, 0, xMax, columns, false, ox, oy);
                                Decimator.minMax(b, true, 0, xMax, columns, false, ox, oy);
                            } else {
                                Decimator.minMax(flat[3 * k], flat[3 * k + 1], b.size(), 0, xMax, columns, false, ox, oy);
                                Decimator.minMax(flat[3 * k], flat[3 * k + 2], b.size(), 0, xMax, columns, false, ox, oy);
                            }
                        }
                        spent += System.nanoTime() - t0;
                    }
                    if (round >= 0) {
                        times[method][round] = spent / 50;
                    }
                }
            }
            System.out.println(String.format(Locale.ROOT, "  %,9d points/series: live (column cache) %s, moving range (pyramid) %s, "
                    + "full rescan (before) %s; rescan/live %.1fx, rescan/pyramid %.1fx", n, stats(times[0]), stats(times[1]),
                    stats(times[2]), median(times[2]) / median(times[0]), median(times[2]) / median(times[1])));
        }
    }

    private static String liveChart(int n) {
        Stage stage = new Stage();
        LiveChart chart = new LiveChart("loss");
        chart.setSmoothing(0.9);
        Scene scene = new Scene(new StackPane(chart), 1000, 500);
        stage.setScene(scene);
        stage.show();
        LiveChart.Series a = chart.addSeries("train", Color.STEELBLUE);
        LiveChart.Series b = chart.addSeries("validation", Color.ORANGE);
        Random r = new Random(1);
        int step = 0;
        for (; step < n; step++) {
            a.append(step, loss(step, r));
            b.append(step, loss(step, r) * 1.1);
        }
        long[] refresh = new long[FRAMES];
        long[] layout = new long[FRAMES];
        long[] render = new long[FRAMES];
        int rendered = 0;
        for (int f = -5; f < FRAMES; f++) {
            for (int k = 0; k < 100; k++, step++) {
                a.append(step, loss(step, r));
                b.append(step, loss(step, r) * 1.1);
            }
            long t0 = System.nanoTime();
            chart.refresh();
            long t1 = System.nanoTime();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            long t2 = System.nanoTime();
            scene.snapshot(null);
            long t3 = System.nanoTime();
            if (f >= 0) {
                refresh[f] = t1 - t0;
                layout[f] = t2 - t1;
                render[f] = t3 - t2;
            }
            rendered = a.renderedPoints();
        }
        stage.close();
        return String.format(Locale.ROOT, "LiveChart  %,9d points/series: refresh %s, css+layout %s, render %s, total median %.1f ms; %d points drawn per series",
                n, stats(refresh), stats(layout), stats(render), median(sum(refresh, layout, render)) / 1e6, rendered);
    }

    private static String plainLineChart(int n) {
        Stage stage = new Stage();
        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
        Scene scene = new Scene(new StackPane(chart), 1000, 500);
        stage.setScene(scene);
        stage.show();
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        chart.getData().add(s);
        Random r = new Random(1);
        List<XYChart.Data<Number, Number>> all = new ArrayList<>();
        int step = 0;
        for (; step < n; step++) {
            all.add(new XYChart.Data<>(step, loss(step, r)));
        }
        long[] total = new long[FRAMES / 4];
        for (int f = -2; f < total.length; f++) {
            for (int k = 0; k < 100; k++, step++) {
                all.add(new XYChart.Data<>(step, loss(step, r)));
            }
            long t0 = System.nanoTime();
            s.getData().setAll(new ArrayList<>(all));
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            scene.snapshot(null);
            if (f >= 0) {
                total[f] = System.nanoTime() - t0;
            }
            all = new ArrayList<>(s.getData());
        }
        stage.close();
        return String.format(Locale.ROOT, "plain LineChart (no decimation, auto-ranging) %,9d points: frame %s", n, stats(total));
    }

    /** The first design: the same decimation, pushed to a JavaFX LineChart (4 series) by setAll. */
    private static String decimatedLineChart(int n) {
        Stage stage = new Stage();
        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        x.setAutoRanging(false);
        y.setAutoRanging(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
        Scene scene = new Scene(new StackPane(chart), 1000, 500);
        stage.setScene(scene);
        stage.show();
        List<XYChart.Series<Number, Number>> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            lines.add(s);
            chart.getData().add(s);
        }
        int capacity = n + 100 * (FRAMES + 5);
        double[] xs = new double[capacity];
        double[] ys = new double[capacity];
        Random r = new Random(1);
        int size = 0;
        for (; size < n; size++) {
            xs[size] = size;
            ys[size] = loss(size, r);
        }
        int columns = 920;
        double[] ox = new double[2 * columns];
        double[] oy = new double[2 * columns];
        long[] refresh = new long[FRAMES];
        long[] total = new long[FRAMES];
        for (int f = -5; f < FRAMES; f++) {
            for (int k = 0; k < 100; k++, size++) {
                xs[size] = size;
                ys[size] = loss(size, r);
            }
            long t0 = System.nanoTime();
            x.setLowerBound(0);
            x.setUpperBound(size);
            x.setTickUnit(size / 5.0);
            y.setTickUnit(0.5);
            y.setLowerBound(0);
            y.setUpperBound(3);
            for (XYChart.Series<Number, Number> s : lines) {
                int m = Decimator.minMax(xs, ys, size, 0, size, columns, false, ox, oy);
                List<XYChart.Data<Number, Number>> data = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    data.add(new XYChart.Data<>(ox[i], oy[i]));
                }
                s.getData().setAll(data);
            }
            long t1 = System.nanoTime();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            scene.snapshot(null);
            if (f >= 0) {
                refresh[f] = t1 - t0;
                total[f] = System.nanoTime() - t0;
            }
        }
        stage.close();
        return String.format(Locale.ROOT, "decimated LineChart %,9d points/series, 4 lines: decimate+setAll %s, frame %s",
                n, stats(refresh), stats(total));
    }

    private static double loss(int step, Random r) {
        return 2.3 * Math.exp(-step / 20000.0) + 0.05 + Math.abs(r.nextGaussian()) * 0.1;
    }

    private static long[] sum(long[]... parts) {
        long[] out = new long[parts[0].length];
        for (long[] p : parts) {
            for (int i = 0; i < out.length; i++) {
                out[i] += p[i];
            }
        }
        return out;
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String stats(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "median %.2f ms (max %.2f)", s[s.length / 2] / 1e6, s[s.length - 1] / 1e6);
    }

    private static <T> T onFx(java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(10, TimeUnit.MINUTES);
    }
}
