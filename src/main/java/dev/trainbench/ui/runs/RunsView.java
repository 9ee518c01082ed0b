package dev.trainbench.ui.runs;

import dev.trainbench.runs.MetricColumns.Epoch;
import dev.trainbench.runs.MetricColumns.Step;
import dev.trainbench.runs.MetricsTable;
import dev.trainbench.runs.RunInfo;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunSummary;
import dev.trainbench.ui.Palette;
import dev.trainbench.ui.chart.LayerHeatMap;
import dev.trainbench.ui.chart.LiveChart;
import dev.trainbench.ui.train.GradientRatio;
import dev.trainbench.ui.train.SanityPanel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import dev.trainbench.ui.RunIds;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The Runs screen: a sortable, filterable table of every run; open one to see its charts; rename, notes, tags, delete. */
public final class RunsView extends VBox {
    private final RunsViewModel vm;
    private final TableView<RunSummary> table = new TableView<>();
    /** The rows' menu, made for the first row (see {@link #rowMenu()}), and the run it was last asked for on. */
    private ContextMenu rowMenu;
    private RunSummary menuRun;
    private Stage lastTestWindow;
    private java.util.function.Consumer<java.nio.file.Path> onOpenModel = file -> { };
    private java.nio.file.Path lastExport;

    public RunsView(RunsViewModel vm) {
        this.vm = vm;
        setId("runs-view");
        setSpacing(8);
        setPadding(new Insets(10));
        TextField filter = new TextField();
        filter.setPromptText("Filter: name, data, model, status, tag, notes...");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setId("runs-filter");
        HBox.setHgrow(filter, Priority.ALWAYS);
        Button open = new Button("Open charts");
        open.setOnAction(e -> selected().ifPresent(this::openCharts));
        Button compare = new Button("Compare");
        compare.setId("compare-runs");
        compare.getStyleClass().add("accent");
        compare.setTooltip(dev.trainbench.ui.Tips.of("Compare the selected runs (2 to " + RunsViewModel.MAX_COMPARED
                + " runs or seed groups; Ctrl-click or Shift-click to select): curves on shared axes, the settings that differ, the metrics side by side."));
        compare.setOnAction(e -> vm.compare(List.copyOf(table.getSelectionModel().getSelectedItems())));
        Button clone = new Button("Clone and change");
        clone.setId("clone-run");
        clone.setTooltip(dev.trainbench.ui.Tips.of("Load this run's spec into Data, Model and Train to change one thing; the next run records this one as its parent."));
        clone.setOnAction(e -> selected().ifPresent(vm::cloneRun));
        Button rename = new Button("Rename...");
        rename.setOnAction(e -> selected().ifPresent(this::rename));
        Button notes = new Button("Notes...");
        notes.setOnAction(e -> selected().ifPresent(this::editNotes));
        Button tags = new Button("Tags...");
        tags.setOnAction(e -> selected().ifPresent(this::editTags));
        Button delete = new Button("Delete...");
        delete.setOnAction(e -> selected().ifPresent(this::delete));
        Button test = new Button("Final test...");
        test.setId("final-test");
        test.setTooltip(dev.trainbench.ui.Tips.of("Evaluate the best checkpoint once on the held-back test split (recorded in the run)."));
        test.setOnAction(e -> selected().ifPresent(this::finalTest));
        test.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(vm.testingProperty()));
        ProgressIndicator testing = new ProgressIndicator();
        testing.setId("final-test-progress");
        testing.setPrefSize(18, 18);
        testing.setMaxSize(18, 18);
        testing.visibleProperty().bind(vm.testingProperty());
        testing.managedProperty().bind(vm.testingProperty());
        Button export = new Button("Export model...");
        export.setId("export-model");
        export.setTooltip(dev.trainbench.ui.Tips.of("Save the trained model as one file to predict with (Predict view, trainbench predict)."));
        export.setOnAction(e -> selected().ifPresent(this::exportModel));
        // one run at a time: the table selects several for Compare
        export.disableProperty().bind(javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        Button csv = new Button("Export CSV...");
        csv.setId("export-runs-csv");
        csv.setTooltip(dev.trainbench.ui.Tips.of("The table's rows as they are sorted and filtered, as a CSV file for a spreadsheet or a script"));
        csv.setOnAction(e -> exportCsv());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.reload());
        for (Button b : List.of(open, clone, rename, notes, tags, delete)) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        compare.disableProperty().bind(javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems()).lessThan(2));
        Label count = new Label();
        count.textProperty().bind(vm.summaryProperty());
        count.setMinWidth(Region.USE_PREF_SIZE);
        // the buttons wrap onto a second line on narrow windows instead of being cut off
        FlowPane buttons = new FlowPane(8, 6, compare, open, clone, test, testing, export, rename, notes, tags, delete, csv, refresh);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox top = new HBox(8, filter, count);
        top.setAlignment(Pos.CENTER_LEFT);
        filter.setMinWidth(180);
        Label family = new Label();
        family.setId("runs-family");
        family.textProperty().bind(vm.familyTextProperty());
        family.setWrapText(true);
        Button allRuns = new Button("Show all runs");
        allRuns.getStyleClass().add("small-button");
        allRuns.setOnAction(e -> vm.showFamily(null));
        HBox familyBar = new HBox(8, family, allRuns);
        familyBar.setAlignment(Pos.CENTER_LEFT);
        familyBar.visibleProperty().bind(vm.familyOfProperty().isNotNull());
        familyBar.managedProperty().bind(vm.familyOfProperty().isNotNull());
        Label sweepNotice = new Label();
        sweepNotice.setId("runs-sweep-notice");
        sweepNotice.textProperty().bind(vm.sweepNoticeProperty());
        sweepNotice.setWrapText(true);
        sweepNotice.getStyleClass().add("hint");
        sweepNotice.visibleProperty().bind(vm.sweepNoticeProperty().isNotEmpty());
        sweepNotice.managedProperty().bind(sweepNotice.visibleProperty());
        VBox bar = new VBox(6, top, buttons, sweepBar(), familyBar, sweepNotice);

        table.setId("runs-table");
        dev.trainbench.ui.Tables.fit(table, 170);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setTableMenuButtonVisible(true);
        SortedList<RunSummary> sorted = new SortedList<>(vm.filtered());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        // a row replaced by its run's newer record (final test, rename) or the runs read again: same runs stay selected
        java.util.Set<String> keptIds = new java.util.HashSet<>();
        vm.setRowsChangeGuard(() -> {
            keptIds.clear();
            table.getSelectionModel().getSelectedItems().forEach(r -> keptIds.add(r.id()));
        }, () -> {
            if (keptIds.isEmpty()) {
                return;
            }
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (keptIds.contains(table.getItems().get(i).id())) {
                    table.getSelectionModel().select(i);
                }
            }
        });
        TableColumn<RunSummary, String> name = column("name", r -> r.name(), 160);
        name.setId("col-name");
        TableColumn<RunSummary, String> id = column("id", r -> RunIds.shortId(r.id()), 56);
        id.setId("col-id");
        id.setCellFactory(col -> tooltipCell(r -> r.id()));
        TableColumn<RunSummary, String> data = column("data", RunsViewModel::dataSummary, 130);
        data.setCellFactory(col -> tooltipCell(RunsViewModel::dataSummary));
        TableColumn<RunSummary, String> modelCol = column("model", RunsViewModel::modelSummary, 120);
        modelCol.setCellFactory(col -> tooltipCell(RunsViewModel::modelSummary));
        TableColumn<RunSummary, String> optimizer = column("optimizer", RunsViewModel::optimizer, 80);
        optimizer.setId("col-optimizer");
        TableColumn<RunSummary, Double> lr = column("learning rate", RunsViewModel::learningRate, 80,
                v -> String.format(Locale.ROOT, "%.3g", v));
        lr.setId("col-lr");
        TableColumn<RunSummary, Integer> batch = column("batch", RunsViewModel::batchSize, 56, v -> Integer.toString(v));
        batch.setId("col-batch");
        TableColumn<RunSummary, String> epochs = column("epochs", RunsViewModel::epochs, 64);
        epochs.setId("col-epochs");
        epochs.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<RunSummary, String> parent = column("parent", r -> vm.parentLabel(r), 120);
        parent.setId("col-parent");
        parent.setCellFactory(col -> tooltipCell(r -> vm.parentTooltip(r)));
        TableColumn<RunSummary, String> groupCol = column("seed group", RunsViewModel::groupLabel, 110);
        groupCol.setId("col-group");
        groupCol.setCellFactory(col -> tooltipCell(r -> r.groupId() == null ? null : "Seed group " + r.groupId()
                + ": the same spec with seeds s, s+1, ...; Compare draws it as a band"));
        TableColumn<RunSummary, String> sweepCol = column("sweep", RunsViewModel::sweepLabel, 230);
        sweepCol.setId("col-sweep");
        sweepCol.setCellFactory(col -> tooltipCell(r -> r.sweepId() == null ? null : RunsViewModel.sweepLabel(r) + "\nSweep "
                + r.sweepId() + " (" + r.sweepName() + "), task " + r.sweepTask()
                + ": right-click to select the whole sweep for Compare, or to cancel it"));
        TableColumn<RunSummary, String> tagsCol = column("tags", r -> String.join(", ", r.tags()), 90);
        TableColumn<RunSummary, String> notesCol = column("notes", r -> r.notes(), 160);
        TableColumn<RunSummary, String> created = column("created", r -> r.createdAt(), 150);
        TableColumn<RunSummary, Long> params = column("parameters", r -> r.parameterCount(), 90, count());
        table.getColumns().add(name);
        table.getColumns().add(id);
        table.getColumns().add(groupCol);
        table.getColumns().add(sweepCol);
        table.getColumns().add(data);
        table.getColumns().add(modelCol);
        table.getColumns().add(optimizer);
        table.getColumns().add(lr);
        table.getColumns().add(batch);
        table.getColumns().add(epochs);
        table.getColumns().add(column("best val acc", r -> r.bestValidationAccuracy(), 96, percent()));
        table.getColumns().add(column("test acc", r -> r.testAccuracy(), 74, percent()));
        // regression runs: validation and test metrics in the target's units (empty for classification);
        // shown once the workspace has a regression run
        java.util.List<TableColumn<RunSummary, Double>> regression = java.util.List.of(
                column("best val RMSE", r -> r.bestValidationRmse(), 96, metric()),
                column("test RMSE", r -> r.testRmse(), 84, metric()),
                column("test MAE", r -> r.testMae(), 84, metric()),
                column("test R\u00b2", r -> r.testR2(), 70, metric()));
        table.getColumns().addAll(regression);
        Runnable showRegression = () -> {
            boolean any = vm.runs().stream().anyMatch(r -> r.bestValidationRmse() != null || r.testRmse() != null);
            if (any) {
                regression.forEach(c -> c.setVisible(true));
            }
        };
        regression.forEach(c -> c.setVisible(false));
        showRegression.run();
        vm.runs().addListener((javafx.collections.ListChangeListener<RunSummary>) c -> showRegression.run());
        // the seed group and sweep columns likewise once a run belongs to one: empty, they took 340 pixels
        // and pushed the accuracies past the right edge
        Runnable showGroups = () -> {
            if (vm.runs().stream().anyMatch(r -> r.groupId() != null)) {
                groupCol.setVisible(true);
            }
            if (vm.runs().stream().anyMatch(r -> r.sweepId() != null)) {
                sweepCol.setVisible(true);
            }
        };
        groupCol.setVisible(false);
        sweepCol.setVisible(false);
        showGroups.run();
        vm.runs().addListener((javafx.collections.ListChangeListener<RunSummary>) c -> showGroups.run());
        table.getColumns().add(column("time", r -> r.wallSeconds(), 66, seconds()));
        table.getColumns().add(column("status", RunsViewModel::statusText, 84));
        table.getColumns().add(parent);
        table.getColumns().add(params);
        table.getColumns().add(tagsCol);
        table.getColumns().add(notesCol);
        table.getColumns().add(created);
        // less used: hidden at first, one click away in the table's column menu (the + at the top right)
        notesCol.setVisible(false);
        created.setVisible(false);
        Label noRuns = new Label();
        noRuns.setWrapText(true);
        noRuns.setId("runs-placeholder");
        Runnable placeholder = () -> {
            var s = vm.sweepStatus(vm.sweepShownProperty().get());
            noRuns.setText(s != null ? (RunsViewModel.cancellable(s) ? "No runs of sweep " + s.sweep().name() + " yet: "
                    + s.summary() + ". Cancel it with Cancel sweep... above." : "Sweep " + s.sweep().name()
                    + " wrote no runs: " + s.summary() + ".")
                    : vm.runs().isEmpty() ? "No runs yet: train one on the Train screen." : "No run matches the filter.");
        };
        vm.sweepShownProperty().addListener(o -> placeholder.run());
        vm.sweeps().addListener((javafx.collections.ListChangeListener<dev.trainbench.sweep.SweepStatus>) c -> placeholder.run());
        vm.runs().addListener((javafx.collections.ListChangeListener<RunSummary>) c -> placeholder.run());
        placeholder.run();
        table.setPlaceholder(noRuns);
        table.setRowFactory(tv -> {
            TableRow<RunSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openCharts(row.getItem());
                }
            });
            // one menu for all rows (a menu is a popup window: one per row cost the first display of
            // 10,000 runs a tenth of a second), acting on the run whose row asked for it
            // (a filter: the row's own handler shows the menu, and the menu's showing handler reads this)
            row.addEventFilter(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> menuRun = row.getItem());
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(rowMenu()));
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.loadIfNeeded();
            }
        });
    }

    /**
     * The workspace's sweeps, shown once it has one: choose one to see only its runs, with where its
     * tasks stand (also a sweep that has written no run yet, queued on Slurm, say), and cancel it.
     */
    private HBox sweepBar() {
        javafx.scene.control.ComboBox<String> choice = new javafx.scene.control.ComboBox<>();
        choice.setId("runs-sweep-choice");
        choice.setTooltip(dev.trainbench.ui.Tips.of("Show the runs of one sweep, with where its tasks stand"));
        // items are sweep ids ("" for every run); each is shown by its latest status
        javafx.util.Callback<javafx.scene.control.ListView<String>, javafx.scene.control.ListCell<String>> cells = lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                if (empty || id == null) {
                    setText(null);
                    return;
                }
                var s = vm.sweepStatus(id);
                setText(id.isEmpty() ? "All runs" : s == null ? id : RunsViewModel.sweepChoiceLabel(s));
            }
        };
        choice.setCellFactory(cells);
        choice.setButtonCell(cells.call(null));
        choice.setMaxWidth(520);
        choice.setMinWidth(160);
        HBox.setHgrow(choice, Priority.SOMETIMES);
        boolean[] updating = {false};
        Runnable fill = () -> {
            updating[0] = true;
            try {
                List<String> ids = new ArrayList<>(List.of(""));
                vm.sweeps().forEach(s -> ids.add(s.sweep().id()));
                choice.getItems().setAll(ids);
                String shown = vm.sweepShownProperty().get();
                choice.setValue(shown == null ? "" : shown);
                // the button shows the chosen sweep's new status too
                choice.setButtonCell(cells.call(null));
            } finally {
                updating[0] = false;
            }
        };
        vm.sweeps().addListener((javafx.collections.ListChangeListener<dev.trainbench.sweep.SweepStatus>) c -> fill.run());
        vm.sweepShownProperty().addListener((o, a, id) -> {
            if (!updating[0]) {
                fill.run();
            }
        });
        choice.valueProperty().addListener((o, a, id) -> {
            if (!updating[0]) {
                vm.sweepShownProperty().set(id == null || id.isEmpty() ? null : id);
            }
        });
        Button cancel = new Button("Cancel sweep...");
        cancel.setId("cancel-sweep");
        cancel.setTooltip(dev.trainbench.ui.Tips.of("Queued tasks never start; running ones stop and save their runs as stopped"
                + " (scancel for a Slurm sweep). Runs already written stay."));
        Runnable enable = () -> cancel.setDisable(!RunsViewModel.cancellable(vm.sweepStatus(vm.sweepShownProperty().get())));
        vm.sweeps().addListener((javafx.collections.ListChangeListener<dev.trainbench.sweep.SweepStatus>) c -> enable.run());
        vm.sweepShownProperty().addListener(o -> enable.run());
        enable.run();
        cancel.setOnAction(e -> {
            var s = vm.sweepStatus(vm.sweepShownProperty().get());
            if (s != null) {
                cancelSweep(s.sweep().id(), s.sweep().name());
            }
        });
        Label title = new Label("Sweep:");
        title.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, title, choice, cancel);
        bar.setId("runs-sweep-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        var any = javafx.beans.binding.Bindings.isNotEmpty(vm.sweeps());
        bar.visibleProperty().bind(any);
        bar.managedProperty().bind(any);
        fill.run();
        return bar;
    }

    /** The run the rows' menu acts on: the one whose row asked for it, else the selected one. */
    private RunSummary menuRun() {
        return menuRun != null ? menuRun : table.getSelectionModel().getSelectedItem();
    }

    /**
     * The right-click menu of the rows, one for all of them: acts on the selection (Compare) or on
     * the run whose row asked for it (the row clicked is selected by the click).
     */
    private ContextMenu rowMenu() {
        if (rowMenu != null) {
            return rowMenu;
        }
        MenuItem compare = new MenuItem("Compare selected");
        compare.setId("menu-compare");
        compare.setOnAction(e -> vm.compare(List.copyOf(table.getSelectionModel().getSelectedItems())));
        MenuItem charts = new MenuItem("Open charts");
        charts.setOnAction(e -> openCharts(menuRun()));
        MenuItem clone = new MenuItem("Clone and change");
        clone.setId("menu-clone");
        clone.setOnAction(e -> vm.cloneRun(menuRun()));
        MenuItem repeat = new MenuItem("Repeat with seeds...");
        repeat.setId("menu-repeat-seeds");
        repeat.setOnAction(e -> vm.repeatWithSeeds(menuRun()));
        MenuItem selectGroup = new MenuItem("Select its seed group");
        selectGroup.setOnAction(e -> {
            List<RunSummary> members = vm.groupOf(menuRun());
            table.getSelectionModel().clearSelection();
            for (RunSummary m : members) {
                table.getSelectionModel().select(m);
            }
        });
        MenuItem selectSweep = new MenuItem("Select its sweep");
        selectSweep.setId("menu-select-sweep");
        selectSweep.setOnAction(e -> {
            List<RunSummary> members = vm.sweepOf(menuRun());
            table.getSelectionModel().clearSelection();
            for (RunSummary m : members) {
                table.getSelectionModel().select(m);
            }
        });
        MenuItem cancelSweep = new MenuItem("Cancel its sweep...");
        cancelSweep.setId("menu-cancel-sweep");
        cancelSweep.setOnAction(e -> cancelSweep(menuRun().sweepId(), menuRun().sweepName()));
        MenuItem family = new MenuItem("Show its family (lineage)");
        family.setId("menu-family");
        family.setOnAction(e -> vm.showFamily(menuRun()));
        MenuItem test = new MenuItem("Final test...");
        test.setOnAction(e -> finalTest(menuRun()));
        MenuItem rename = new MenuItem("Rename...");
        rename.setOnAction(e -> rename(menuRun()));
        MenuItem notes = new MenuItem("Notes...");
        notes.setOnAction(e -> editNotes(menuRun()));
        MenuItem tags = new MenuItem("Tags...");
        tags.setOnAction(e -> editTags(menuRun()));
        MenuItem delete = new MenuItem("Delete...");
        delete.setOnAction(e -> delete(menuRun()));
        ContextMenu menu = new ContextMenu(compare, charts, clone, repeat, new SeparatorMenuItem(), selectGroup, selectSweep, family,
                new SeparatorMenuItem(), test, rename, notes, tags, new SeparatorMenuItem(), cancelSweep, delete);
        menu.setOnShowing(e -> {
            int n = table.getSelectionModel().getSelectedItems().size();
            compare.setText(n < 2 ? "Compare selected (select 2 or more)" : "Compare " + n + " selected runs");
            compare.setDisable(n < 2);
            selectGroup.setDisable(menuRun() == null || menuRun().groupId() == null);
            selectSweep.setDisable(menuRun() == null || menuRun().sweepId() == null);
            cancelSweep.setDisable(menuRun() == null || menuRun().sweepId() == null);
        });
        rowMenu = menu;
        return menu;
    }

    private static TableCell<RunSummary, String> tooltipCell(Function<RunSummary, String> tip) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                RunSummary r = empty || getTableRow() == null ? null : getTableRow().getItem();
                // before the text: a cut text's tip (Tables) is decided when the text changes
                dev.trainbench.ui.Tips.set(this, r == null ? null : tip.apply(r));
                setText(empty ? null : item);
            }
        };
    }

    private void exportCsv() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export the runs table");
        chooser.setInitialFileName("runs.csv");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            java.nio.file.Path p = f.toPath();
            if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                p = p.resolveSibling(p.getFileName() + ".csv");
            }
            vm.exportCsv(List.copyOf(table.getItems()), p, () -> { });
        }
    }

    /** The selected runs, in table order (for tests and the Compare button). */
    public List<RunSummary> selectedRuns() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    public TableView<RunSummary> table() {
        return table;
    }

    private Optional<RunSummary> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    /** Asks first (the test set is for the very end), then runs the test in the background and shows the result. */
    private void finalTest(RunSummary row) {
        if (row.status() != null && row.status().isActive()) {
            vm.workbench().errors().report("The final test", new IllegalStateException(
                    "Run \"" + row.name() + "\" is still " + row.status().label() + ". Test it after it has finished."));
            return;
        }
        // the spec and an earlier test's result are in the run's record, not its row
        vm.withRecord(row, "The final test", this::finalTest);
    }

    private void finalTest(RunRecord r) {
        if (r.spec() == null) {
            try {
                r.specFor("the final test");
            } catch (RuntimeException e) {
                vm.workbench().errors().report("The final test", e);
            }
            return;
        }
        ButtonType go = new ButtonType("Run the final test", ButtonBar.ButtonData.OK_DONE);
        String again = r.test() == null ? "" : String.format(Locale.ROOT,
                "%n%nThis run was already tested (%s). Testing it again and choosing by the test result turns the test set into"
                        + " a second validation set.", TestResultPane.summary(r.test()));
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The test set is held back to measure the finished model once, at the"
                + " very end. Every decision made after looking at it (another learning rate, another model) makes the test"
                + " score optimistic. Use the validation curves to choose; test only the run you have settled on." + again,
                ButtonType.CANCEL, go);
        a.initOwner(getScene().getWindow());
        dev.trainbench.ui.Windows.fit(a, getScene().getWindow());
        a.setTitle("Final test");
        a.setHeaderText("Evaluate \"" + r.name() + "\" on the held-back test split?");
        a.getDialogPane().setId("final-test-confirm");
        a.showAndWait().filter(b -> b == go).ifPresent(b -> vm.finalTest(r.id(), this::showTestResult));
    }

    /** A window with the run's final test result; returns it (for screenshots and tests). */
    public Stage showTestResult(RunRecord r) {
        TestResultPane pane = new TestResultPane(r);
        double[] size = pane.idealSize();
        Stage stage = dev.trainbench.ui.Windows.create(getScene() == null ? null : getScene().getWindow(),
                "Final test: " + r.name() + " (" + r.id() + ")", pane, size[0], size[1]);
        stage.show();
        lastTestWindow = stage;
        return stage;
    }

    /** The most recent final-test window (for tests). */
    public Stage lastTestWindow() {
        return lastTestWindow;
    }

    /** What "Open in Predict" after an export does with the file (set by the main window). */
    public void setOnOpenModel(java.util.function.Consumer<java.nio.file.Path> onOpenModel) {
        this.onOpenModel = onOpenModel;
    }

    /** Asks which checkpoint and where, exports in the background, then offers to open the model. */
    private void exportModel(RunSummary r) {
        if (r.status() != null && r.status().isActive()) {
            vm.workbench().errors().report("Exporting the model", new IllegalStateException(
                    "Run \"" + r.name() + "\" is still " + r.status().label() + ". Export it after it has ended."));
            return;
        }
        String best = "best: lowest validation loss" + (r.bestEpoch() == null ? "" : " (epoch " + r.bestEpoch() + ")");
        String last = "last: end of training" + (r.epochsCompleted() == null ? "" : " (epoch " + r.epochsCompleted() + ")");
        javafx.scene.control.ChoiceDialog<String> which = new javafx.scene.control.ChoiceDialog<>(best, best, last);
        which.initOwner(getScene().getWindow());
        which.setTitle("Export model");
        which.setHeaderText("Export the model of \"" + r.name() + "\" as one file: parameters, spec, input scaling,"
                + " class names and metrics.");
        which.setContentText("Checkpoint:");
        which.getDialogPane().setId("export-checkpoint");
        java.util.Optional<String> choice = which.showAndWait();
        if (choice.isEmpty()) {
            return;
        }
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle("Export model");
        fc.setInitialFileName(r.name().replaceAll("[^A-Za-z0-9._-]+", "-") + dev.trainbench.runs.ModelArchive.EXTENSION);
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("TrainBench models", "*.zip"));
        java.io.File file = fc.showSaveDialog(getScene().getWindow());
        if (file != null) {
            exportModel(r, choice.get().startsWith("last") ? "last" : "best", file.toPath());
        }
    }

    /** Exports without asking (the dialogs' answers given), then offers to open the model in the Predict view. */
    public void exportModel(RunInfo r, String checkpoint, java.nio.file.Path file) {
        vm.exportModel(r.id(), checkpoint, file, written -> {
            lastExport = written;
            ButtonType openIt = new ButtonType("Open in Predict", ButtonBar.ButtonData.OK_DONE);
            Alert done = new Alert(Alert.AlertType.INFORMATION, "Saved " + written + ".\n\nPredict with it in the Predict"
                    + " view (Ctrl+6) or with 'trainbench predict " + written.getFileName() + " INPUT...'.",
                    ButtonType.CLOSE, openIt);
            if (getScene() != null) {
                done.initOwner(getScene().getWindow());
            }
            done.setTitle("Model exported");
            done.setHeaderText("Exported the " + checkpoint + " checkpoint of \"" + r.name() + "\"");
            done.getDialogPane().setId("export-done");
            done.setResultConverter(b -> {
                if (b == openIt) {
                    onOpenModel.accept(written);
                }
                return b;
            });
            done.show();
        });
    }

    /** The file of the most recent export (for tests). */
    public java.nio.file.Path lastExport() {
        return lastExport;
    }

    private void rename(RunSummary r) {
        TextInputDialog d = new TextInputDialog(r.name());
        d.initOwner(getScene().getWindow());
        dev.trainbench.ui.Windows.fit(d, getScene().getWindow());
        d.setTitle("Rename run");
        d.setHeaderText("New name for run " + r.id());
        d.showAndWait().filter(s -> !s.isBlank()).ifPresent(name -> vm.rename(r.id(), name.strip()));
    }

    private void editNotes(RunSummary r) {
        TextInputDialog d = new TextInputDialog(r.notes());
        d.initOwner(getScene().getWindow());
        dev.trainbench.ui.Windows.fit(d, getScene().getWindow());
        d.setTitle("Notes");
        d.setHeaderText("Notes for " + r.name());
        d.showAndWait().ifPresent(notes -> vm.setNotes(r.id(), notes));
    }

    private void editTags(RunSummary r) {
        TextInputDialog d = new TextInputDialog(String.join(", ", r.tags()));
        d.initOwner(getScene().getWindow());
        dev.trainbench.ui.Windows.fit(d, getScene().getWindow());
        d.setTitle("Tags");
        d.setHeaderText("Comma-separated tags for " + r.name());
        d.showAndWait().ifPresent(text -> vm.setTags(r.id(),
                Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
    }

    private void cancelSweep(String sweepId, String sweepName) {
        if (sweepId == null) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Cancel sweep \"" + sweepName + "\" (" + sweepId
                + ")? Queued tasks will not start; running ones stop and save their runs as stopped "
                + "(scancel for a Slurm sweep). Runs already written stay.", ButtonType.NO, ButtonType.YES);
        a.initOwner(getScene().getWindow());
        dev.trainbench.ui.Windows.fit(a, getScene().getWindow());
        a.setHeaderText("Cancel the sweep?");
        a.getDialogPane().setId("cancel-sweep-confirm");
        a.showAndWait().filter(b -> b == ButtonType.YES).ifPresent(b -> vm.cancelSweep(sweepId, () -> { }));
    }

    private void delete(RunSummary r) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Delete run \"" + r.name() + "\" (" + r.id()
                + ") and all its files? This cannot be undone.", ButtonType.CANCEL, ButtonType.OK);
        a.initOwner(getScene().getWindow());
        dev.trainbench.ui.Windows.fit(a, getScene().getWindow());
        a.setHeaderText("Delete run?");
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.delete(r.id()));
    }

    /** A window with the run's loss, accuracy, gradient-norm and throughput curves, read from its files. */
    private void openCharts(RunSummary r) {
        vm.loadRun(r, files -> chartsWindow(files.record(), new MetricsTable[] {files.steps(), files.epochs()},
                files.diagnosis().findings()));
    }

    /** Opens the chart window of run {@code r} from its step and epoch metrics ({@code tables[0]}, {@code tables[1]}). */
    public Stage chartsWindow(RunRecord r, MetricsTable[] tables) {
        return chartsWindow(r, tables, List.of());
    }

    /** The same, with the run's diagnosis beside the charts (Try this clones the run with one change). */
    public Stage chartsWindow(RunRecord r, MetricsTable[] tables, List<dev.trainbench.diagnose.Finding> findings) {
        GridPane grid = RunCharts.grid(tables[0], tables[1], findings);
        if (r.spec() != null) {
            grid.getChildren().stream().filter(n -> "run-chart-loss".equals(n.getId()) && n instanceof LiveChart)
                    .forEach(n -> ((LiveChart) n).setTitle(dev.trainbench.train.LossName.chartTitle(r.spec())));
        }
        dev.trainbench.ui.diagnose.DiagnosisPanel diagnosis = new dev.trainbench.ui.diagnose.DiagnosisPanel();
        diagnosis.setId("run-diagnosis");
        diagnosis.setPrefWidth(320);
        diagnosis.setMinWidth(280);
        diagnosis.setEmptyText("No findings: the diagnosis rules find nothing wrong in this run's metrics, data or model.");
        diagnosis.setFindings(findings);
        diagnosis.setTryEnabled(r.spec() != null && r.status() != null && !r.status().isActive(),
                "the run is still training (or its spec is unreadable): clone it once it has ended");
        diagnosis.setOnTry((finding, change) -> vm.tryThis(r, change));
        Label info = new Label(String.format(Locale.ROOT, "%s | %s | %s | status %s",
                r.name(), r.dataLabel(), r.modelLabel(), RunsViewModel.statusText(r)));
        info.setPadding(new Insets(8, 8, 2, 8));
        SanityPanel sanity = new SanityPanel();
        sanity.setId("run-sanity");
        sanity.setFindings(r.sanity());
        BorderPane root = new BorderPane(grid, new VBox(info, sanity), null, null, null);
        // the final test above the diagnosis in one column beside the charts, at most 40 % of the
        // window: side by side they took 1,000 of 1,280 pixels and left the charts 160 pixels each
        VBox right = new VBox(8);
        right.setId("run-side");
        double ideal = 320;
        if (r.test() != null) {
            TestResultPane test = new TestResultPane(r);
            ideal = Math.max(ideal, Math.min(680, test.idealSize()[0]));
            right.getChildren().add(test);
        }
        right.getChildren().add(diagnosis);
        VBox.setVgrow(diagnosis, Priority.ALWAYS);
        diagnosis.setPrefWidth(Region.USE_COMPUTED_SIZE);
        diagnosis.setMinWidth(0);
        double idealWidth = ideal;
        right.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(280, Math.min(idealWidth, 0.4 * root.getWidth())), root.widthProperty()));
        right.setMinWidth(Region.USE_PREF_SIZE);
        right.setMaxWidth(Region.USE_PREF_SIZE);
        root.setRight(right);
        Stage stage = dev.trainbench.ui.Windows.create(getScene().getWindow(), "Run " + r.name() + " (" + r.id() + ")", root,
                r.test() == null ? 1400 : 1800, 900);
        stage.show();
        return stage;
    }

    private static <T> TableColumn<RunSummary, T> column(String name, Function<RunSummary, T> value, double width) {
        TableColumn<RunSummary, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static <T extends Comparable<T>> TableColumn<RunSummary, T> column(String name, Function<RunSummary, T> value,
            double width, Function<T, String> format) {
        TableColumn<RunSummary, T> c = column(name, value, width);
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    private static Function<Long, String> count() {
        return v -> String.format(Locale.ROOT, "%,d", v);
    }

    private static Function<Double, String> percent() {
        return v -> String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    private static Function<Double, String> metric() {
        return v -> String.format(Locale.ROOT, "%.4g", v);
    }

    private static Function<Double, String> seconds() {
        return v -> v < 120 ? String.format(Locale.ROOT, "%.1f s", v) : String.format(Locale.ROOT, "%.1f min", v / 60);
    }

    /**
     * Charts of a finished run, from its metrics files: the same curves as the live Train view,
     * including the per-layer gradient heat map with the first/last-layer ratio and the
     * update/weight ratio chart.
     */
    static final class RunCharts {
        /** Rows at the end of the run that the first/last-layer gradient ratio averages, as on the Train view. */

        private RunCharts() {
        }

        static GridPane grid(MetricsTable steps, MetricsTable epochs) {
            return grid(steps, epochs, List.of());
        }

        static GridPane grid(MetricsTable steps, MetricsTable epochs, List<dev.trainbench.diagnose.Finding> findings) {
            LiveChart loss = new LiveChart("Loss");
            LiveChart acc = new LiveChart("Accuracy");
            LiveChart grads = new LiveChart("Gradient norm per layer");
            LiveChart lr = new LiveChart("Learning rate");
            LiveChart updates = new LiveChart("Update/weight ratio");
            LayerHeatMap heatMap = new LayerHeatMap("Gradient norm: layers (first on top) by step, log colour");
            Label ratio = new Label("first/last layer gradient ratio: no data");
            loss.setId("run-chart-loss");
            grads.setId("run-chart-gradients");
            updates.setId("chart-update-ratio");
            heatMap.setId("gradient-heatmap");
            ratio.setId("gradient-ratio");
            ratio.getStyleClass().addAll("gradient-ratio", "gradient-ratio-box");
            ratio.setWrapText(true);
            ratio.setPadding(new Insets(2, 8, 2, 8));
            // two lines at any font size (app.css); a longer verdict is in the tooltip
            ratio.setTooltip(dev.trainbench.ui.Tips.following(ratio.textProperty()));
            for (LiveChart c : List.of(loss, acc, grads, lr, updates)) {
                c.setSmoothing(0.6);
            }
            grads.setLogY(true);
            updates.setLogY(true);
            updates.setLogToggleVisible(false);
            updates.addReferenceLine(1e-3, "1e-3 rule of thumb");
            updates.setEmptyText("Not measured in this run");
            acc.setYFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v * 100));
            acc.setYCeiling(1.0);
            double[] step = steps.column(Step.STEP);
            if (step != null) {
                fill(loss.addSeries("train (step)", Palette.color(0)), step, steps.column(Step.LOSS));
                fill(acc.addSeries("batch", Palette.color(0)), step, steps.column(Step.ACCURACY));
                fill(lr.addSeries("learning rate", Palette.color(4), false), step, steps.column(Step.LEARNING_RATE));
                List<String> layers = steps.layers(Step.LAYER_GRAD_NORM);
                List<double[]> norms = new java.util.ArrayList<>();
                for (int k = 0; k < layers.size(); k++) {
                    double[] g = steps.column(Step.LAYER_GRAD_NORM, layers.get(k));
                    norms.add(g);
                    fill(grads.addSeries(layers.get(k), Palette.color(k)), step, g);
                }
                int k = 0;
                for (String layer : steps.layers(Step.LAYER_UPDATE_RATIO)) {
                    int colour = layers.indexOf(layer) >= 0 ? layers.indexOf(layer) : k;
                    fillPositive(updates.addSeries(layer, Palette.color(colour), false), step,
                            steps.column(Step.LAYER_UPDATE_RATIO, layer));
                    k++;
                }
                heatMap.setLayers(layers);
                float[] row = new float[layers.size()];
                for (int i = 0; i < step.length; i++) {
                    if (i > 0 && step[i] < step[i - 1]) {
                        continue;
                    }
                    for (int l = 0; l < row.length; l++) {
                        row[l] = (float) norms.get(l)[i];
                    }
                    heatMap.append((long) step[i], row);
                }
                GradientRatio verdict = gradientRatio(norms, step.length, findings);
                if (verdict != null) {
                    ratio.setText(verdict.text());
                    ratio.getStyleClass().setAll("label", "gradient-ratio-box", verdict.warning() ? "gradient-ratio-warning" : "gradient-ratio");
                }
            }
            double[] epoch = epochs.column(Epoch.EPOCH);
            if (epoch != null && step != null && step.length > 0) {
                // epochs are drawn at the step where they ended, assuming equal-length epochs
                double stepsPerEpoch = (step[step.length - 1] + 1) / Math.max(1, epoch.length);
                double[] at = new double[epoch.length];
                for (int i = 0; i < at.length; i++) {
                    at[i] = (i + 1) * stepsPerEpoch - 1;
                }
                fill(loss.addSeries("validation", Palette.color(1), false), at, epochs.column(Epoch.VALIDATION_LOSS));
                double[] rmse = epochs.column(Epoch.VALIDATION_RMSE);
                if (rmse != null && java.util.Arrays.stream(rmse).anyMatch(v -> !Double.isNaN(v))) {
                    // a regression run: RMSE and MAE in the target's units instead of accuracy
                    acc.setTitle("Validation RMSE and MAE (target's units)");
                    acc.setYFormatter(v -> String.format(Locale.ROOT, "%.4g", v));
                    acc.setYCeiling(Double.POSITIVE_INFINITY);
                    acc.removeAllSeries();
                    fill(acc.addSeries("validation RMSE", Palette.color(1), false), at, rmse);
                    fill(acc.addSeries("validation MAE", Palette.color(3), false), at, epochs.column(Epoch.VALIDATION_MAE));
                } else {
                    fill(acc.addSeries("validation", Palette.color(1), false), at, epochs.column(Epoch.VALIDATION_ACCURACY));
                }
            }
            BorderPane heat = new BorderPane(heatMap);
            heat.setBottom(ratio);
            GridPane g = new GridPane();
            g.setHgap(8);
            g.setVgap(8);
            g.setPadding(new Insets(8));
            g.add(loss, 0, 0);
            g.add(acc, 1, 0);
            g.add(grads, 0, 1);
            g.add(heat, 1, 1);
            g.add(updates, 0, 2);
            g.add(lr, 1, 2);
            for (javafx.scene.layout.Region c : List.of(loss, acc, grads, heat, updates, lr)) {
                GridPane.setHgrow(c, Priority.ALWAYS);
                GridPane.setVgrow(c, Priority.ALWAYS);
                c.setMinSize(0, 0);
                c.setPrefSize(300, 160);
            }
            for (LiveChart c : List.of(loss, acc, grads, lr, updates)) {
                c.refresh();
            }
            heatMap.refresh();
            return g;
        }

        /** The first/last-layer ratio of the mean gradient norms over the last rows, as the Train view shows it; null without data. */
        static GradientRatio gradientRatio(List<double[]> norms, int rows) {
            return gradientRatio(norms, rows, List.of());
        }

        static GradientRatio gradientRatio(List<double[]> norms, int rows, List<dev.trainbench.diagnose.Finding> findings) {
            return GradientRatio.ofRecentMeans(norms.size(), rows, (layer, row) -> norms.get(layer)[row], findings);
        }

        private static void fillPositive(LiveChart.Series s, double[] x, double[] y) {
            if (x == null || y == null) {
                return;
            }
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                if (y[i] > 0 && Double.isFinite(y[i]) && (i == 0 || x[i] >= x[i - 1])) {
                    s.append(x[i], y[i]);
                }
            }
        }

        private static void fill(LiveChart.Series s, double[] x, double[] y) {
            if (x == null || y == null) {
                return;
            }
            // whole arrays at once: a long run's file loads without a pyramid update per point
            s.setData(x, null, y);
        }
    }
}
