package dev.trainbench.ui.sweep;

import dev.trainbench.sweep.ExecutorSettings;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.ui.Forms;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * <i>Sweep…</i>: fields of the current spec and their values, seeds, where to run, and before
 * anything starts a preview of the runs and (Slurm) the job script that will be submitted.
 */
public final class SweepDialog extends Dialog<SweepFolder> {

    static final ButtonType START = new ButtonType("Start sweep", ButtonBar.ButtonData.OK_DONE);

    private final SweepViewModel vm;
    private final VBox axesBox = new VBox(8);

    public SweepDialog(SweepViewModel vm, SweepRunner runner) {
        this.vm = vm;
        setTitle("Sweep");
        setHeaderText("Train a grid of one-field changes, each with several seeds, as ordinary runs");
        setResizable(true);
        getDialogPane().setId("sweep-dialog");
        getDialogPane().getButtonTypes().addAll(START, ButtonType.CANCEL);

        Forms f = new Forms();
        TextField name = new TextField();
        name.setId("sweep-name");
        name.textProperty().bindBidirectional(vm.nameProperty());
        f.section("What to sweep").row("Name", name, "The sweep's name: its runs are named after it and their grid point.");
        f.full(axesBox);
        Button add = new Button("Add a field");
        add.setId("sweep-add-field");
        add.setOnAction(e -> vm.addAxis("", ""));
        f.full(add);
        Spinner<Integer> seeds = new Spinner<>(1, 100, vm.seedsProperty().get());
        seeds.setId("sweep-seeds");
        seeds.setEditable(true);
        seeds.valueProperty().addListener((o, a, b) -> vm.seedsProperty().set(b));
        f.row("Seeds per point", seeds, "Each grid point is trained with seeds s, s+1, ...: Compare draws it as a band and"
                + " says whether a difference is larger than the seed spread.");

        ToggleGroup where = new ToggleGroup();
        RadioButton local = new RadioButton("This machine");
        local.setId("sweep-local");
        RadioButton slurm = new RadioButton("Slurm cluster (job array)");
        slurm.setId("sweep-slurm");
        local.setToggleGroup(where);
        slurm.setToggleGroup(where);
        local.setSelected(vm.executorProperty().get() == ExecutorSettings.Kind.LOCAL);
        slurm.setSelected(!local.isSelected());
        where.selectedToggleProperty().addListener((o, a, b) -> vm.executorProperty().set(b == slurm
                ? ExecutorSettings.Kind.SLURM : ExecutorSettings.Kind.LOCAL));
        f.section("Where").full(new HBox(16, local, slurm));

        Spinner<Integer> parallel = new Spinner<>(1, Math.max(1, SweepViewModel.cores()), 1);
        parallel.setId("sweep-parallel");
        parallel.valueProperty().addListener((o, a, b) -> vm.parallelProperty().set(b));
        Label threads = new Label();
        threads.textProperty().bind(Bindings.createStringBinding(() -> "runs at once, each with "
                + SweepViewModel.threadsFor(vm.parallelProperty().get()) + " of the " + SweepViewModel.cores()
                + " cores as libtorch threads", vm.parallelProperty()));
        HBox localRow = new HBox(8, parallel, threads);
        localRow.setAlignment(Pos.CENTER_LEFT);
        GridPane slurmGrid = slurmOptions();
        Node localBox = labelled("At once", localRow);
        localBox.visibleProperty().bind(local.selectedProperty());
        localBox.managedProperty().bind(local.selectedProperty());
        slurmGrid.visibleProperty().bind(slurm.selectedProperty());
        slurmGrid.managedProperty().bind(slurm.selectedProperty());
        f.full(localBox).full(slurmGrid);

        Label size = new Label();
        size.setId("sweep-size");
        size.getStyleClass().add("form-section");
        size.textProperty().bind(vm.sizeProperty());
        Label problem = new Label();
        problem.setId("sweep-problem");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        TextArea preview = new TextArea();
        preview.setId("sweep-preview");
        preview.setEditable(false);
        preview.setWrapText(false);
        preview.getStyleClass().add("monospace");
        preview.setPrefRowCount(18); // the whole script header and command on a large window (looked at: 760x720 and 1200x1000)
        preview.textProperty().bind(vm.previewProperty());
        f.section("Preview").full(size).full(problem).full(preview);

        ScrollPane scroll = new ScrollPane(f.node());
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(560);
        scroll.setPrefViewportWidth(680);
        getDialogPane().setContent(scroll);

        for (SweepViewModel.Axis a : vm.axes()) {
            axesBox.getChildren().add(axisRow(a));
        }
        vm.axes().addListener((javafx.collections.ListChangeListener<SweepViewModel.Axis>) c -> {
            axesBox.getChildren().clear();
            vm.axes().forEach(a -> axesBox.getChildren().add(axisRow(a)));
        });

        Button start = (Button) getDialogPane().lookupButton(START);
        start.setId("sweep-start");
        start.disableProperty().bind(vm.readyProperty().not().or(vm.submittingProperty()));
        start.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stays open until the sweep has started (or failed, with the reason)
            vm.submit(runner, folder -> {
                setResult(folder);
                close();
            });
        });
        setResultConverter(b -> null);
    }

    private Node axisRow(SweepViewModel.Axis a) {
        ComboBox<String> path = new ComboBox<>();
        path.getStyleClass().add("sweep-path");
        path.setEditable(true);
        path.getItems().setAll(vm.fields());
        path.setPromptText("field, e.g. training.optimizer.learningRate");
        path.setValue(a.pathProperty().get());
        path.valueProperty().addListener((o, x, v) -> a.pathProperty().set(v == null ? "" : v));
        path.setPrefWidth(300);
        TextField values = new TextField(a.valuesProperty().get());
        values.getStyleClass().add("sweep-values");
        values.setPromptText("values, e.g. 1e-4, 1e-3, 1e-2");
        values.textProperty().bindBidirectional(a.valuesProperty());
        HBox.setHgrow(values, Priority.ALWAYS);
        Button remove = new Button("\u2715");
        remove.getStyleClass().add("small-button");
        remove.setTooltip(dev.trainbench.ui.Tips.of("Do not sweep this field"));
        remove.setOnAction(e -> vm.removeAxis(a));
        HBox row = new HBox(6, path, values, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label();
        hint.getStyleClass().add("hint");
        hint.textProperty().bind(a.currentProperty());
        Label problem = new Label();
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.textProperty().bind(a.problemProperty());
        problem.visibleProperty().bind(a.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return new VBox(2, row, hint, problem);
    }

    private GridPane slurmOptions() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(4, 0, 0, 0));
        int r = 0;
        r = field(g, r, "Partition", "sweep-partition", vm.partitionProperty(), "default partition", "--partition");
        r = field(g, r, "Time limit", "sweep-time", vm.timeProperty(), "e.g. 30 or 0-02:00:00", "--time, per task");
        r = field(g, r, "CPUs per task", "sweep-cpus", vm.cpusPerTaskProperty(), "1", "--cpus-per-task; each run trains with that many threads");
        r = field(g, r, "Memory", "sweep-mem", vm.memProperty(), "e.g. 4G", "--mem per task");
        r = field(g, r, "GPUs (gres)", "sweep-gres", vm.gresProperty(), "e.g. gpu:1", "--gres; a GPU makes every run train with --device gpu");
        r = field(g, r, "At most at once", "sweep-max-parallel", vm.maxParallelProperty(), "no limit", "the array's %K");
        TextArea extra = new TextArea();
        extra.setId("sweep-extra");
        extra.setPromptText("more #SBATCH options, one a line, e.g. --account=ml");
        extra.setPrefRowCount(2);
        extra.textProperty().bindBidirectional(vm.extraProperty());
        g.add(new Label("Extra lines"), 0, r);
        g.add(extra, 1, r);
        Label needs = new Label("The nodes need this workspace and this TrainBench (the jar and its lib/) at the same paths,"
                + " and Java 17; the command is in the script below.");
        needs.setWrapText(true);
        needs.getStyleClass().add("hint");
        g.add(needs, 0, r + 1, 2, 1);
        return g;
    }

    private static int field(GridPane g, int row, String label, String id, javafx.beans.property.StringProperty p, String prompt,
                             String help) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.setTooltip(dev.trainbench.ui.Tips.of(help));
        t.textProperty().bindBidirectional(p);
        Label l = new Label(label);
        l.setMinWidth(100);
        g.add(l, 0, row);
        g.add(t, 1, row);
        GridPane.setHgrow(t, Priority.ALWAYS);
        return row + 1;
    }

    private static Node labelled(String label, Node control) {
        Label l = new Label(label);
        l.setMinWidth(100);
        HBox box = new HBox(8, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Opens the dialog over {@code owner}'s window; {@code onStarted} gets the sweep once it has started. */
    public static void open(Node owner, SweepViewModel vm, SweepRunner runner, Consumer<SweepFolder> onStarted) {
        SweepDialog d = new SweepDialog(vm, runner);
        if (owner != null && owner.getScene() != null) {
            d.initOwner(owner.getScene().getWindow());
        }
        d.showAndWait().ifPresent(onStarted);
    }
}
