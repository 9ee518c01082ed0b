package dev.trainbench.ui.train;

import dev.trainbench.train.LrFinder;
import dev.trainbench.ui.Palette;
import dev.trainbench.ui.chart.LiveChart;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The learning-rate range test's result: smoothed (and faint raw) loss against log10 of the
 * learning rate, the three suggestions, and a button that puts the "valley" suggestion into the
 * Train form.
 */
public final class LrRangePane extends BorderPane {
    private final LiveChart chart = new LiveChart("Loss against log10(learning rate), range test");
    private final Label suggestions = new Label();
    private final Button use = new Button();
    private final TrainViewModel vm;

    public LrRangePane(TrainViewModel vm) {
        this.vm = vm;
        setId("lr-range-pane");
        chart.setId("chart-lr-range");
        chart.setXLabel("log10(learning rate)");
        chart.setLogToggleVisible(false);
        chart.setSmoothing(0);
        chart.setEmptyText("Run the range test to see the loss against the learning rate");
        suggestions.setId("lr-suggestions");
        suggestions.setWrapText(true);
        suggestions.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(suggestions, Priority.ALWAYS);
        use.setId("lr-use-valley");
        use.getStyleClass().add("accent");
        use.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        use.setOnAction(e -> {
            if (vm.useValley()) {
                Window w = getScene() == null ? null : getScene().getWindow();
                if (w instanceof Stage s && s.getOwner() != null) {
                    s.close();
                }
            }
        });
        Label hint = new Label("The loss falls fastest around the \"valley\" suggestion; pick a rate before the loss "
                + "turns up. Nothing was trained: the run's model is untouched.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(10, suggestions, use);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(6, bar, hint);
        bottom.setPadding(new Insets(8, 10, 10, 10));
        setCenter(chart);
        setBottom(bottom);
        setPrefSize(760, 480);
        show(vm.lrResultProperty().get());
        vm.lrResultProperty().addListener((o, a, r) -> show(r));
    }

    /** Shows a range test's result (null: empty). */
    public void show(LrFinder.Result r) {
        chart.removeAllSeries();
        if (r == null) {
            suggestions.setText("No range test yet.");
            use.setText("Use valley");
            use.setDisable(true);
            chart.refresh();
            return;
        }
        LiveChart.Series raw = chart.addSeries("loss (raw)", Palette.color(0).deriveColor(0, 1, 1, 0.3), false);
        LiveChart.Series smooth = chart.addSeries("loss (smoothed)", Palette.color(0), false);
        for (LrFinder.Point p : r.points()) {
            if (!(p.learningRate() > 0)) {
                continue;
            }
            double x = Math.log10(p.learningRate());
            if (Double.isFinite(p.loss())) {
                raw.append(x, p.loss());
            }
            if (Double.isFinite(p.smoothedLoss())) {
                smooth.append(x, p.smoothedLoss());
            }
        }
        // the final blow-up would flatten the useful part: the axis stops a little above the descent
        chart.setYCeiling(yCeiling(r.points()));
        suggestions.setText("Suggestions: " + TrainViewModel.suggestionText(r)
                + String.format(Locale.ROOT, "  (%d steps)", r.points().size()));
        boolean valley = r.valley() > 0;
        use.setText(valley ? "Use " + TrainViewModel.lr(r.valley()) : "Use valley");
        use.setDisable(!valley);
        chart.refresh();
    }

    /**
     * The top of the loss axis: the highest smoothed loss up to the lowest one (the descent, before
     * the loss blew up) plus a quarter of the descent's height; infinity when there is no descent.
     */
    static double yCeiling(List<LrFinder.Point> points) {
        int lowest = -1;
        for (int i = 0; i < points.size(); i++) {
            double v = points.get(i).smoothedLoss();
            if (Double.isFinite(v) && (lowest < 0 || v < points.get(lowest).smoothedLoss())) {
                lowest = i;
            }
        }
        if (lowest < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double low = points.get(lowest).smoothedLoss();
        double high = low;
        for (int i = 0; i <= lowest; i++) {
            double v = points.get(i).smoothedLoss();
            if (Double.isFinite(v)) {
                high = Math.max(high, v);
            }
        }
        double span = high - low;
        return span > 0 ? high + 0.25 * span : Double.POSITIVE_INFINITY;
    }

    public LiveChart chart() {
        return chart;
    }

    public String suggestionsText() {
        return suggestions.getText();
    }

    public Button useButton() {
        return use;
    }

    /** Opens (or brings to front) a window with the pane, owned by {@code owner}. */
    static Stage open(Window owner, TrainViewModel vm, Stage existing) {
        if (existing != null) {
            existing.show();
            existing.toFront();
            return existing;
        }
        LrRangePane pane = new LrRangePane(vm);
        Stage stage = dev.trainbench.ui.Windows.create(owner, "Learning-rate range test", pane, 760, 480);
        stage.show();
        return stage;
    }
}
