package dev.trainbench.ui.lessons;

import dev.trainbench.diagnose.Evidence;
import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.Lessons;
import dev.trainbench.train.EpochMetrics;
import dev.trainbench.train.MetricsHistory;
import dev.trainbench.ui.Palette;
import dev.trainbench.ui.chart.LayerHeatMap;
import dev.trainbench.ui.chart.LiveChart;
import dev.trainbench.ui.diagnose.DiagnosisPanel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * Help &gt; Lessons: the lessons on the left; the selected one's tip and narration, Play and Stop;
 * then its two runs side by side, failing on the left and fixed on the right, each with its loss
 * curve, the chart the lesson is about (gradient heat map or accuracy) and its diagnosis.
 */
public final class LessonsView extends BorderPane implements LessonsViewModel.Sink {
    private static final long FRAME_NANOS = 33_000_000L;
    private static final String PLAYING_EMPTY = "No findings yet: the diagnosis appears here as the run trains.";

    /** The charts and diagnosis of one side. */
    private static final class Column {
        final Label header = new Label();
        final Label status = new Label();
        final LiveChart loss = new LiveChart("Loss");
        final LiveChart accuracy = new LiveChart("Accuracy");
        final LayerHeatMap heat = new LayerHeatMap("Gradient norm: layers (first on top) by step, log colour");
        final DiagnosisPanel diagnosis = new DiagnosisPanel();
        LiveChart.Series stepLoss;
        LiveChart.Series valLoss;
        LiveChart.Series batchAcc;
        LiveChart.Series valAcc;
        float[] row = new float[0];

        void reset(List<String> layers) {
            loss.removeAllSeries();
            accuracy.removeAllSeries();
            stepLoss = loss.addSeries("train (step)", Palette.color(0));
            valLoss = loss.addSeries("validation", Palette.color(1), false);
            batchAcc = accuracy.addSeries("batch", Palette.color(0));
            valAcc = accuracy.addSeries("validation", Palette.color(1), false);
            heat.setLayers(layers);
            row = new float[layers.size()];
        }
    }

    private final LessonsViewModel vm;
    private final Column failing = new Column();
    private final Column fixed = new Column();
    private final Label title = new Label();
    private final Label tip = new Label();
    private final Label narration = new Label();
    private final GridPane grid = new GridPane();
    private final AnimationTimer timer;
    private long lastPoll;

    public LessonsView(LessonsViewModel vm) {
        this.vm = vm;
        setId("lessons-view");
        vm.setSink(this);
        ListView<Lessons.Lesson> list = new ListView<>();
        list.setId("lesson-list");
        list.getItems().setAll(vm.lessons());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Lessons.Lesson item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
            }
        });
        list.getSelectionModel().select(vm.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, l) -> {
            if (l != null) {
                vm.selectedProperty().set(l);
            }
        });
        list.disableProperty().bind(vm.playingProperty());
        list.setPrefWidth(320);
        setLeft(list);

        title.getStyleClass().add("view-title");
        tip.getStyleClass().add("finding-tip");
        tip.setWrapText(true);
        narration.setWrapText(true);
        narration.setId("lesson-narration");
        Button play = new Button("Play both runs");
        play.setId("lesson-play");
        play.getStyleClass().add("accent");
        play.disableProperty().bind(vm.playingProperty());
        play.setOnAction(e -> vm.play());
        Button stop = new Button("Stop");
        stop.setId("lesson-stop");
        stop.disableProperty().bind(vm.playingProperty().not());
        stop.setOnAction(e -> vm.stop());
        Label status = new Label();
        status.setId("lesson-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox buttons = new HBox(8, play, stop, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, title, tip, narration, buttons);
        top.setPadding(new Insets(10, 12, 8, 12));
        top.getStyleClass().add("toolbar-row");

        for (Column c : List.of(failing, fixed)) {
            c.header.getStyleClass().add("section-title");
            c.status.getStyleClass().add("hint");
            c.status.setWrapText(true);
            c.accuracy.setYFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v * 100));
            c.accuracy.setLogToggleVisible(false);
            // an accuracy never exceeds 100 %: the axis stops there (it ran to 120 % before the lesson played)
            c.accuracy.setYCeiling(1.0);
            c.diagnosis.setPrefHeight(260);
            c.diagnosis.setEmptyText(PLAYING_EMPTY);
            c.diagnosis.setTryEnabled(false, "lessons show a pair as it is; clone a run from the Runs screen to try a change");
            c.reset(List.of());
        }
        failing.header.setText("Failing");
        fixed.header.setText("Fixed");
        failing.status.textProperty().bind(vm.failing().statusProperty());
        fixed.status.textProperty().bind(vm.fixed().statusProperty());
        failing.diagnosis.setId("lesson-failing-diagnosis");
        fixed.diagnosis.setId("lesson-fixed-diagnosis");
        failing.loss.setId("lesson-failing-loss");
        fixed.loss.setId("lesson-fixed-loss");
        failing.heat.setId("lesson-failing-heatmap");
        fixed.heat.setId("lesson-fixed-heatmap");
        vm.failing().findings().addListener((javafx.collections.ListChangeListener<Finding>) ch ->
                failing.diagnosis.setFindings(List.copyOf(vm.failing().findings())));
        vm.fixed().findings().addListener((javafx.collections.ListChangeListener<Finding>) ch ->
                fixed.diagnosis.setFindings(List.copyOf(vm.fixed().findings())));
        grid.setHgap(10);
        grid.setVgap(6);
        grid.setPadding(new Insets(8, 12, 12, 12));
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
        }
        BorderPane center = new BorderPane(grid);
        center.setTop(top);
        setCenter(center);
        vm.playingProperty().addListener((o, was, now) -> {
            for (Column c : List.of(failing, fixed)) {
                c.diagnosis.setEmptyText(now ? PLAYING_EMPTY : "No findings: the rules find nothing wrong in this run.");
            }
        });
        vm.selectedProperty().addListener((o, a, l) -> show(l));
        show(vm.selectedProperty().get());
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - lastPoll >= FRAME_NANOS) {
                    lastPoll = now;
                    vm.poll();
                }
            }
        };
        timer.start();
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                timer.stop();
            } else {
                timer.start();
            }
        });
    }

    private void show(Lessons.Lesson l) {
        if (l == null) {
            return;
        }
        title.setText(l.title());
        tip.setText("Tip: " + l.tip());
        narration.setText(l.narration());
        failing.header.setText("Failing: " + l.failing().name());
        fixed.header.setText("Fixed: " + l.fixed().name());
        grid.getChildren().clear();
        grid.getRowConstraints().clear();
        boolean heat = Evidence.CHART_HEATMAP.equals(l.chart());
        int col = 0;
        for (Column c : List.of(failing, fixed)) {
            Node second = heat ? c.heat : c.accuracy;
            VBox head = new VBox(2, c.header, c.status);
            grid.add(head, col, 0);
            grid.add(c.loss, col, 1);
            grid.add(second, col, 2);
            grid.add(c.diagnosis, col, 3);
            for (Region r : List.of(c.loss, (Region) second, c.diagnosis)) {
                r.setMinSize(0, 0);
                r.setPrefSize(400, 200);
                GridPane.setHgrow(r, Priority.ALWAYS);
                GridPane.setVgrow(r, Priority.ALWAYS);
            }
            col++;
        }
        RowConstraints headRow = new RowConstraints();
        RowConstraints chartRow = new RowConstraints();
        chartRow.setPercentHeight(30);
        RowConstraints secondRow = new RowConstraints();
        secondRow.setPercentHeight(30);
        RowConstraints diagRow = new RowConstraints();
        diagRow.setPercentHeight(34);
        grid.getRowConstraints().addAll(headRow, chartRow, secondRow, diagRow);
    }

    private Column column(LessonsViewModel.Side side) {
        return side == vm.failing() ? failing : fixed;
    }

    @Override
    public void reset(LessonsViewModel.Side side) {
        Column c = column(side);
        c.reset(List.of());
        c.diagnosis.setFindings(List.of());
    }

    @Override
    public void steps(LessonsViewModel.Side side, MetricsHistory h, int from, int to) {
        Column c = column(side);
        if (from == 0 || !c.heat.layers().equals(h.layerNames())) {
            if (from == 0) {
                c.reset(h.layerNames());
            }
        }
        for (int i = from; i < to; i++) {
            double step = h.step(i);
            c.stepLoss.append(step, h.loss(i));
            c.batchAcc.append(step, h.accuracy(i));
            for (int l = 0; l < c.row.length; l++) {
                c.row[l] = h.layerGradNorm(i, l);
            }
            c.heat.append((long) step, c.row);
        }
    }

    @Override
    public void epoch(LessonsViewModel.Side side, EpochMetrics m, double atStep) {
        Column c = column(side);
        if (!Float.isNaN(m.validationLoss())) {
            c.valLoss.append(atStep, m.validationLoss());
        }
        if (!Float.isNaN(m.validationAccuracy())) {
            c.valAcc.append(atStep, m.validationAccuracy());
        }
    }

    @Override
    public void frame() {
        for (Column c : List.of(failing, fixed)) {
            c.loss.refresh();
            c.accuracy.refresh();
            c.heat.refresh();
        }
    }

    public DiagnosisPanel failingDiagnosis() {
        return failing.diagnosis;
    }

    public DiagnosisPanel fixedDiagnosis() {
        return fixed.diagnosis;
    }

    /** Findings per rule of the failing side, for tests. */
    Map<String, Finding> failingFindings() {
        return failing.diagnosis.findings().stream().collect(java.util.stream.Collectors.toMap(Finding::rule, f -> f,
                (a, b) -> a));
    }
}
