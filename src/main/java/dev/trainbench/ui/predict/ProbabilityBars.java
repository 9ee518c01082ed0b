package dev.trainbench.ui.predict;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.ColumnConstraints;

/** One bar per class: its name, its probability as a bar and in percent; the predicted class stands out. */
public final class ProbabilityBars extends GridPane {
    private final ObservableList<PredictViewModel.Bar> bars;

    public ProbabilityBars(ObservableList<PredictViewModel.Bar> bars) {
        this.bars = bars;
        getStyleClass().add("probability-bars");
        setHgap(8);
        setVgap(2);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        bar.setMinWidth(60);
        ColumnConstraints pct = new ColumnConstraints();
        pct.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getColumnConstraints().setAll(name, bar, pct);
        bars.addListener((ListChangeListener<PredictViewModel.Bar>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (int i = 0; i < bars.size(); i++) {
            PredictViewModel.Bar b = bars.get(i);
            Label name = new Label(b.className());
            name.getStyleClass().add("bar-name");
            ProgressBar bar = new ProgressBar(b.probability());
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add("probability-bar");
            Label pct = new Label(String.format(Locale.ROOT, "%5.1f%%", 100 * b.probability()));
            pct.getStyleClass().add("bar-value");
            pct.setAlignment(Pos.CENTER_RIGHT);
            if (b.predicted()) {
                name.getStyleClass().add("predicted");
                bar.getStyleClass().add("predicted");
                pct.getStyleClass().add("predicted");
            }
            add(name, 0, i);
            add(bar, 1, i);
            add(pct, 2, i);
        }
    }

    /** The probability shown for a class, or -1 when it has no bar (for tests). */
    public double probabilityOf(String className) {
        return bars.stream().filter(b -> b.className().equals(className)).mapToDouble(PredictViewModel.Bar::probability)
                .findFirst().orElse(-1);
    }
}
