package dev.trainbench.ui.compare;

import dev.trainbench.compare.Comparison;
import dev.trainbench.compare.DiffEntry;
import dev.trainbench.compare.FieldResponse;
import dev.trainbench.compare.XAxis;
import dev.trainbench.ui.RunPalette;
import dev.trainbench.ui.chart.LiveChart;
import dev.trainbench.ui.chart.XLink;
import java.io.File;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;

/**
 * The Compare screen: the compared runs' curves on shared axes (loss, accuracy, a layer's gradient
 * norm, learning rate; one colour per run or seed group, a group drawn as its mean with a min-max
 * band), the verdict for seed groups, the data identity and "more than one thing changed"
 * warnings, and below, the configuration diff and the metrics side by side.
 */
public final class CompareView extends VBox {
    private final CompareViewModel vm;
    private final Map<CompareViewModel.ChartKind, LiveChart> charts = new EnumMap<>(CompareViewModel.ChartKind.class);
    private final XLink xLink = new XLink();
    private final FlowPane legend = new FlowPane(14, 4);
    private final VBox verdict = new VBox(4);
    private final TableView<DiffEntry> diffTable = new TableView<>();
    private final TableView<CompareViewModel.MetricRow> metricsTable = new TableView<>();
    private final Label dataIdentity = new Label();
    private final StackPane body = new StackPane();
    private final VBox sweepCharts = new VBox(8);

    public CompareView(CompareViewModel vm) {
        this.vm = vm;
        setId("compare-view");
        setSpacing(6);
        setPadding(new Insets(8, 10, 8, 10));

        Label empty = new Label();
        empty.textProperty().bind(vm.statusProperty());
        empty.setWrapText(true);
        empty.getStyleClass().add("hint");
        StackPane.setAlignment(empty, Pos.CENTER);

        for (CompareViewModel.ChartKind kind : CompareViewModel.ChartKind.values()) {
            LiveChart chart = new LiveChart(title(kind));
            chart.setId("compare-chart-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            chart.setLegendVisible(false);
            chart.smoothingProperty().bind(vm.smoothingProperty());
            chart.setXLink(xLink);
            // never squeezed below a readable plot (it was crushed to a 50-pixel strip, its canvas over the
            // controls, at 1280x800 in presentation mode): where the screen is too small, the view scrolls
            chart.setMinWidth(0);
            chart.getStyleClass().add("compare-chart");
            chart.setPrefSize(300, 150);
            charts.put(kind, chart);
        }
        charts.get(CompareViewModel.ChartKind.ACCURACY).setYFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v * 100));
        charts.get(CompareViewModel.ChartKind.ACCURACY).setLogToggleVisible(false);
        // an accuracy never exceeds 100 %: the axis stops there
        charts.get(CompareViewModel.ChartKind.ACCURACY).setYCeiling(1.0);
        charts.get(CompareViewModel.ChartKind.GRADIENT).setLogY(true);

        // a sweep's answer (the final metric against each swept value) left of the curves
        Node grid = chartGrid();
        HBox chartsArea = new HBox(8, sweepCharts, grid) {
            @Override
            protected double computeMinHeight(double width) {
                // the split pane asks without a width: answer for the width the charts have, where their
                // legends wrap (a few pixels short, the gradient chart's layer choice was cut off)
                return super.computeMinHeight(width < 0 && getWidth() > 0 ? getWidth() : width);
            }
        };
        HBox.setHgrow(grid, Priority.ALWAYS);
        sweepCharts.prefWidthProperty().bind(chartsArea.widthProperty().multiply(0.4));
        sweepCharts.setMinWidth(Region.USE_PREF_SIZE);
        dev.trainbench.ui.KeptSplitPane split = new dev.trainbench.ui.KeptSplitPane(chartsArea, tables());
        split.setOrientation(Orientation.VERTICAL);
        split.keepDividers(0.66);
        // many units (a sweep's grid points) make a long verdict: it scrolls past a fifth of the
        // screen so that the charts keep their room
        ScrollPane verdictScroll = new ScrollPane(verdict);
        verdictScroll.setId("compare-verdict-scroll");
        verdictScroll.setFitToWidth(true);
        verdictScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        verdictScroll.getStyleClass().add("edge-to-edge");
        verdictScroll.maxHeightProperty().bind(heightProperty().multiply(0.22));
        verdictScroll.prefViewportHeightProperty().bind(verdict.heightProperty());
        verdictScroll.minHeightProperty().bind(javafx.beans.binding.Bindings.min(verdict.heightProperty().add(4),
                heightProperty().multiply(0.1)));
        VBox contentBox = new VBox(6, legend, verdictScroll, split) {
            @Override
            protected double computeMinHeight(double width) {
                // asked without a width by the scroll pane: the wrapped legend's height at the width it has
                return super.computeMinHeight(width < 0 && getWidth() > 0 ? getWidth() : width);
            }
        };
        VBox.setVgrow(split, Priority.ALWAYS);
        ScrollPane content = new ScrollPane(contentBox);
        content.setId("compare-content");
        content.setFitToWidth(true);
        content.setFitToHeight(true);
        content.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        content.getStyleClass().add("edge-to-edge");
        body.getChildren().setAll(empty);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(toolbar(), body);

        legend.setId("compare-legend");
        verdict.setId("compare-verdict");
        dataIdentity.setId("compare-data-identity");
        dataIdentity.setWrapText(true);
        dataIdentity.setMinHeight(Region.USE_PREF_SIZE);
        vm.comparisonProperty().addListener((o, a, c) -> {
            body.getChildren().setAll(c == null ? empty : content);
            rebuildTables(c);
        });
        vm.chartsVersionProperty().addListener((o, a, b) -> redrawCharts());
        vm.diffRows().addListener((ListChangeListener<DiffEntry>) ch -> diffTable.getItems().setAll(vm.diffRows()));
        vm.unitInfo().addListener((ListChangeListener<CompareViewModel.UnitInfo>) ch -> rebuildLegend());
        for (javafx.collections.ObservableList<String> l : List.of(vm.statements(), vm.warnings())) {
            l.addListener((ListChangeListener<String>) ch -> rebuildVerdict());
        }
        vm.dataIdentityProperty().addListener((o, a, b) -> rebuildVerdict());
        sweepCharts.setId("compare-sweep-charts");
        sweepCharts.setVisible(false);
        sweepCharts.setManaged(false);
        vm.sweepResponses().addListener((ListChangeListener<FieldResponse>) ch -> rebuildSweepCharts());
    }

    private static String title(CompareViewModel.ChartKind kind) {
        return switch (kind) {
            case LOSS -> "Loss";
            case ACCURACY -> "Accuracy";
            case GRADIENT -> "Gradient norm";
            case LEARNING_RATE -> "Learning rate";
        };
    }

    private Node toolbar() {
        Label title = new Label("Compare");
        title.getStyleClass().add("view-title");
        ChoiceBox<CompareViewModel.Order> order = new ChoiceBox<>();
        order.getItems().setAll(CompareViewModel.Order.values());
        order.valueProperty().bindBidirectional(vm.orderProperty());
        order.setId("compare-order");
        order.setTooltip(dev.trainbench.ui.Tips.of("The first run (or group) is the reference the others are compared with."));
        ChoiceBox<String> reference = new ChoiceBox<>(vm.units());
        reference.setId("compare-reference");
        reference.valueProperty().bindBidirectional(vm.referenceProperty());
        // a long run name is cut to the box's width: the tooltip names the reference in full
        javafx.scene.control.Tooltip referenceTip = dev.trainbench.ui.Tips.of("");
        referenceTip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> (reference.getValue() == null ? ""
                : "Reference: " + reference.getValue() + ". ") + "What every other run or group is compared with (diff, warnings, statements).",
                reference.valueProperty()));
        reference.setTooltip(referenceTip);
        reference.setMaxWidth(220);
        ChoiceBox<XAxis> axis = new ChoiceBox<>();
        axis.getItems().setAll(XAxis.values());
        axis.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(XAxis a) {
                return a == null ? "" : switch (a) {
                    case STEP -> "step";
                    case EPOCH -> "epoch";
                    case TIME -> "training time";
                };
            }

            @Override
            public XAxis fromString(String s) {
                return null;
            }
        });
        axis.valueProperty().bindBidirectional(vm.xAxisProperty());
        axis.setId("compare-x-axis");
        Slider smoothing = new Slider(0, 0.99, vm.smoothingProperty().get());
        smoothing.valueProperty().bindBidirectional(vm.smoothingProperty());
        smoothing.setPrefWidth(110);
        smoothing.setTooltip(dev.trainbench.ui.Tips.of("EMA weight per step, debiased; the raw curves stay visible, faint."));
        Label smoothValue = new Label();
        smoothValue.textProperty().bind(vm.smoothingProperty().asString(Locale.ROOT, "%.2f"));
        Button report = new Button("Export report\u2026");
        report.setId("compare-export-report");
        report.setTooltip(dev.trainbench.ui.Tips.of("One self-contained HTML file: charts, the diff, the metrics and the seed statement; "
                + "opens in any browser without network access."));
        report.disableProperty().bind(vm.comparisonProperty().isNull());
        report.setOnAction(e -> exportReport());
        Button reload = new Button("Reload");
        reload.setTooltip(dev.trainbench.ui.Tips.of("Read the runs' files again"));
        reload.disableProperty().bind(vm.comparisonProperty().isNull());
        reload.setOnAction(e -> vm.reload());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.setMaxSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty());
        busy.managedProperty().bind(vm.loadingProperty());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("hint");
        status.setMinWidth(0);
        status.setTooltip(dev.trainbench.ui.Tips.of(""));
        status.getTooltip().textProperty().bind(vm.statusProperty());
        FlowPane bar = new FlowPane(10, 6, title, group("Order", order), group("Reference", reference), group("X", axis),
                group("Smoothing", smoothing, smoothValue), report, reload, busy);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(2, bar, status);
        top.getStyleClass().add("toolbar-row");
        top.setPadding(new Insets(0, 0, 6, 0));
        return top;
    }

    private static HBox group(String label, Node... nodes) {
        Label l = new Label(label);
        HBox box = new HBox(6);
        box.getChildren().add(l);
        box.getChildren().addAll(nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node chartGrid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            // equal rows (the charts' preferred heights are equal) that never go below their content
            RowConstraints r = new RowConstraints();
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        grid.add(withControls(charts.get(CompareViewModel.ChartKind.LOSS),
                check("training (step)", vm.showStepLossProperty()), check("training (epoch)", vm.showEpochLossProperty()),
                check("validation (dashed)", vm.showValidationLossProperty())), 0, 0);
        grid.add(withControls(charts.get(CompareViewModel.ChartKind.ACCURACY),
                check("training (step)", vm.showStepAccuracyProperty()), check("validation (dashed)", vm.showValidationAccuracyProperty())),
                1, 0);
        ChoiceBox<String> layer = new ChoiceBox<>(vm.layers());
        layer.valueProperty().bindBidirectional(vm.gradientLayerProperty());
        layer.setId("compare-layer");
        layer.setTooltip(dev.trainbench.ui.Tips.of("The layer whose gradient norm is drawn: each run's own first or last layer, "
                + "a layer by name, or the norm over all layers"));
        layer.setMaxWidth(200);
        grid.add(withControls(charts.get(CompareViewModel.ChartKind.GRADIENT), new Label("layer"), layer), 0, 1);
        grid.add(withControls(charts.get(CompareViewModel.ChartKind.LEARNING_RATE)), 1, 1);
        return grid;
    }

    private static CheckBox check(String text, javafx.beans.property.BooleanProperty p) {
        CheckBox c = new CheckBox(text);
        c.selectedProperty().bindBidirectional(p);
        c.getStyleClass().add("compact-check");
        return c;
    }

    private static Node withControls(LiveChart chart, Node... controls) {
        if (controls.length == 0) {
            return chart;
        }
        FlowPane row = new FlowPane(8, 2, controls) {
            @Override
            protected double computeMinHeight(double width) {
                // asked without a width (the chart grid's row minimum), a flow pane answers for one row:
                // answer for the width it has, where the check boxes wrap, or the row below is cut off
                return super.computeMinHeight(width < 0 && getWidth() > 0 ? getWidth() : width);
            }

            @Override
            protected double computePrefHeight(double width) {
                return super.computePrefHeight(width < 0 && getWidth() > 0 ? getWidth() : width);
            }
        };
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(0, 8, 2, 8));
        BorderPane pane = new BorderPane(chart);
        pane.setBottom(row);
        pane.setMinWidth(0);
        return pane;
    }

    private Node tables() {
        diffTable.setId("compare-diff");
        dev.trainbench.ui.Tables.fit(diffTable, 320);
        diffTable.setPlaceholder(new Label("The runs have the same configuration."));
        diffTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        metricsTable.setId("compare-metrics");
        dev.trainbench.ui.Tables.fit(metricsTable, 220);
        metricsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        CheckBox differencesOnly = new CheckBox("Differences only");
        differencesOnly.setId("compare-differences-only");
        differencesOnly.selectedProperty().bindBidirectional(vm.differencesOnlyProperty());
        Label key = new Label("highlighted: differs from the reference (first column)");
        key.getStyleClass().add("hint");
        HBox diffBar = new HBox(12, differencesOnly, key);
        diffBar.setAlignment(Pos.CENTER_LEFT);
        diffBar.setPadding(new Insets(4, 0, 4, 0));
        BorderPane diffPane = new BorderPane(diffTable);
        diffPane.setTop(diffBar);
        Tab diff = new Tab("Configuration diff", diffPane);
        diff.setId("compare-tab-diff");
        Tab metrics = new Tab("Metrics", metricsTable);
        metrics.setId("compare-tab-metrics");
        TabPane tabs = new TabPane(diff, metrics);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setMinHeight(120);
        return tabs;
    }

    // ----------------------------------------------------------------------------- updates

    private void redrawCharts() {
        XAxis axis = vm.xAxisProperty().get();
        for (Map.Entry<CompareViewModel.ChartKind, LiveChart> e : charts.entrySet()) {
            LiveChart chart = e.getValue();
            chart.removeAllSeries();
            chart.setXLabel(switch (axis) {
                case STEP -> "step";
                case EPOCH -> "epoch";
                case TIME -> "seconds";
            });
            chart.setEmptyText(e.getKey() == CompareViewModel.ChartKind.GRADIENT
                    ? "No gradient norms for this layer in these runs" : "Not recorded in these runs");
            for (CompareViewModel.Line line : vm.lines(e.getKey())) {
                Color colour = RunPalette.color(line.colour());
                if (line.group()) {
                    LiveChart.Group g = chart.addGroup(line.label(), colour, line.smoothable());
                    for (CompareViewModel.Member m : line.members()) {
                        g.addMember(m.x(), m.key(), m.y());
                    }
                    g.setDots(!line.perStep());
                    if (line.dashed()) {
                        g.setDashes(7, 4);
                    }
                } else {
                    LiveChart.Series s = chart.addSeries(line.label(), colour, line.smoothable());
                    CompareViewModel.Member m = line.members().get(0);
                    s.setData(m.x(), m.key(), m.y());
                    s.setDots(!line.perStep());
                    if (line.dashed()) {
                        s.setDashes(7, 4);
                    }
                }
            }
        }
        xLink.invalidate();
        for (LiveChart c : charts.values()) {
            c.resetZoom();
        }
    }

    /**
     * One chart per swept field: the final metric against the field's value (log X for rates and
     * values spanning a decade), a line per combination of the other swept fields, each point the
     * mean over its finished seeds with their min-max as a band, from {@link FieldResponse}: the
     * numbers of the HTML report.
     */
    private void rebuildSweepCharts() {
        List<Node> charts = new ArrayList<>();
        for (FieldResponse r : vm.sweepResponses()) {
            String field = FieldResponse.shortName(r.path());
            // short: the legend (the other fields' values) shares the title's line
            LiveChart chart = new LiveChart(Character.toUpperCase(r.metric().charAt(0)) + r.metric().substring(1) + " vs " + field);
            chart.setId("compare-sweep-chart-" + field);
            chart.setLogX(r.logX());
            chart.setXLabel(field);
            chart.setLogToggleVisible(false);
            chart.setEmptyText("No finished run in this sweep yet");
            if (r.percent()) {
                chart.setYFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v * 100));
                // an accuracy never exceeds 100 %: the axis stops there (it ran to 105 %)
                chart.setYCeiling(1.0);
            }
            if (!r.numeric()) {
                List<String> values = r.values();
                chart.setXTickFormatter(v -> {
                    int i = (int) Math.rint(v);
                    return Math.abs(v - i) < 1e-9 && i >= 0 && i < values.size() ? values.get(i) : "";
                });
            }
            chart.setLegendVisible(r.lines().size() > 1);
            for (int i = 0; i < r.lines().size(); i++) {
                FieldResponse.Line line = r.lines().get(i);
                List<FieldResponse.Point> ps = line.points();
                LiveChart.Group g = chart.addGroup(line.label().isEmpty() ? r.metric() : line.label(), RunPalette.color(i), false);
                g.setSummary(ps.stream().mapToDouble(FieldResponse.Point::x).toArray(),
                        ps.stream().mapToDouble(p -> p.y().mean()).toArray(),
                        ps.stream().mapToDouble(p -> p.y().min()).toArray(),
                        ps.stream().mapToDouble(p -> p.y().max()).toArray(),
                        ps.stream().mapToInt(p -> p.y().n()).toArray());
                g.setDots(true);
            }
            chart.setMinWidth(0);
            chart.getStyleClass().add("compare-chart");
            chart.setPrefSize(300, 150);
            FieldResponse.Point best = r.best();
            Label note = new Label(best == null ? "no finished run yet" : "best: " + field + " = " + best.value() + " ("
                    + best.y().format(r.percent()) + ")");
            note.setId("compare-sweep-best-" + field);
            note.getStyleClass().add("hint");
            note.setMinWidth(0);
            note.setTooltip(dev.trainbench.ui.Tips.of("Each point: the mean " + r.metric() + " of the finished runs at that value of " + r.path()
                    + ", the band their minimum and maximum" + (r.logX() ? "; " + field + " on a log scale" : "")
                    + "; a line per value of the other swept fields. The same numbers as the exported report."));
            BorderPane pane = new BorderPane(chart);
            pane.setBottom(note);
            pane.setMinWidth(0);
            VBox.setVgrow(pane, Priority.ALWAYS);
            charts.add(pane);
            chart.resetZoom();
        }
        sweepCharts.getChildren().setAll(charts);
        sweepCharts.setVisible(!charts.isEmpty());
        sweepCharts.setManaged(!charts.isEmpty());
    }

    private void rebuildLegend() {
        List<Node> items = new ArrayList<>();
        for (CompareViewModel.UnitInfo u : vm.unitInfo()) {
            Region swatch = new Region();
            swatch.setMinSize(u.group() ? 18 : 16, u.group() ? 10 : 4);
            swatch.setMaxSize(u.group() ? 18 : 16, u.group() ? 10 : 4);
            Color c = RunPalette.color(u.colour());
            swatch.setStyle("-fx-background-color: " + css(c, u.group() ? 0.35 : 1) + ";"
                    + (u.group() ? "-fx-border-color: " + css(c, 1) + "; -fx-border-width: 2 0 0 0;" : ""));
            Label l = new Label(u.label() + (u.group() ? " (" + u.runs() + " seeds, mean and min-max band)" : "")
                    + (u.colour() == 0 ? "  [reference]" : ""), swatch);
            l.getStyleClass().add("compare-legend-entry");
            l.setTooltip(dev.trainbench.ui.Tips.of(u.detail()));
            items.add(l);
        }
        Label style = new Label("solid: training, dashed: validation; hover a chart for every run's value");
        style.getStyleClass().add("hint");
        items.add(style);
        legend.getChildren().setAll(items);
    }

    private static String css(Color c, double opacity) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.2f)", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255), opacity);
    }

    private void rebuildVerdict() {
        List<Node> lines = new ArrayList<>();
        for (String s : vm.statements()) {
            Label l = new Label(s);
            l.setWrapText(true);
            // wrapped in full: the verdict is the answer this screen exists for
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add("compare-statement");
            lines.add(l);
        }
        dataIdentity.setText(vm.dataIdentityProperty().get());
        dataIdentity.getStyleClass().setAll("label", vm.dataStatusProperty().get() == Comparison.DataStatus.SAME
                ? "compare-same-data" : "compare-different-data");
        if (!dataIdentity.getText().isEmpty()) {
            lines.add(dataIdentity);
        }
        for (String w : vm.warnings()) {
            Label l = new Label("\u26a0 " + w);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add("finding-warning");
            lines.add(l);
        }
        verdict.getChildren().setAll(lines);
    }

    private void rebuildTables(Comparison c) {
        diffTable.getColumns().clear();
        metricsTable.getColumns().clear();
        if (c == null) {
            return;
        }
        TableColumn<DiffEntry, String> field = new TableColumn<>("setting");
        field.setCellValueFactory(cd -> new ReadOnlyStringWrapper(fieldLabel(cd.getValue())));
        field.setPrefWidth(220);
        field.setSortable(false);
        diffTable.getColumns().add(field);
        List<Comparison.Unit> diffUnits = c.diffUnits();
        for (int i = 0; i < diffUnits.size(); i++) {
            int col = i;
            TableColumn<DiffEntry, String> unit = new TableColumn<>();
            unit.setGraphic(header(diffUnits.get(i).label(), c.units().indexOf(diffUnits.get(i))));
            unit.setSortable(false);
            unit.setPrefWidth(150);
            unit.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().values().get(col) == null ? "\u2014"
                    : cd.getValue().values().get(col)));
            unit.setCellFactory(tc -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    DiffEntry e = empty || getTableRow() == null ? null : getTableRow().getItem();
                    dev.trainbench.ui.Tips.set(this, empty ? null : item);
                    setText(empty ? null : item);
                    getStyleClass().removeAll("diff-changed", "diff-absent");
                    if (e != null && e.differs().get(col)) {
                        getStyleClass().add(e.values().get(col) == null ? "diff-absent" : "diff-changed");
                    }
                }
            });
            diffTable.getColumns().add(unit);
        }
        diffTable.getItems().setAll(vm.diffRows());

        TableColumn<CompareViewModel.MetricRow, String> metric = new TableColumn<>("metric");
        metric.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().metric()));
        metric.setPrefWidth(220);
        metric.setSortable(false);
        metricsTable.getColumns().add(metric);
        for (int i = 0; i < c.units().size(); i++) {
            int col = i;
            TableColumn<CompareViewModel.MetricRow, String> unit = new TableColumn<>();
            unit.setGraphic(header(c.units().get(i).label() + (c.units().get(i).isGroup() ? " (mean \u00b1 sd)" : ""), i));
            unit.setSortable(false);
            unit.setPrefWidth(170);
            unit.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().values().get(col)));
            unit.setCellFactory(tc -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    CompareViewModel.MetricRow r = empty || getTableRow() == null ? null : getTableRow().getItem();
                    dev.trainbench.ui.Tips.set(this, r == null ? null : r.details().get(col));
                    setText(empty ? null : item);
                }
            });
            unit.setStyle("-fx-alignment: CENTER-RIGHT;");
            metricsTable.getColumns().add(unit);
        }
        metricsTable.getItems().setAll(vm.metricRows());
    }

    private static String fieldLabel(DiffEntry e) {
        return switch (e.kind()) {
            case ADDED -> e.path() + (e.path().matches(".*\\[\\d+]") ? "  (added layer)" : "  (added)");
            case REMOVED -> e.path() + (e.path().matches(".*\\[\\d+]") ? "  (removed layer)" : "  (removed)");
            default -> e.path();
        };
    }

    private static Label header(String text, int colour) {
        Region swatch = new Region();
        swatch.setMinSize(12, 12);
        swatch.setMaxSize(12, 12);
        swatch.setStyle("-fx-background-color: " + css(RunPalette.color(colour), 1) + "; -fx-background-radius: 2;");
        Label l = new Label(text, swatch);
        l.setTooltip(dev.trainbench.ui.Tips.of(text));
        return l;
    }

    private void exportReport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export comparison report");
        chooser.setInitialFileName(vm.reportFileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML report", "*.html"));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            java.nio.file.Path p = f.toPath();
            if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
                p = p.resolveSibling(p.getFileName() + ".html");
            }
            vm.exportReport(p, () -> { });
        }
    }

    // ----------------------------------------------------------------------------- for tests and screenshots

    public LiveChart chart(CompareViewModel.ChartKind kind) {
        return charts.get(kind);
    }

    public TableView<DiffEntry> diffTable() {
        return diffTable;
    }

    public TableView<CompareViewModel.MetricRow> metricsTable() {
        return metricsTable;
    }

    /** The sweep chart of a swept field (by its short name, e.g. "learningRate"), or null when there is none. */
    public LiveChart sweepChart(String field) {
        return (LiveChart) lookup("#compare-sweep-chart-" + field);
    }

    public VBox verdictBox() {
        return verdict;
    }

}
