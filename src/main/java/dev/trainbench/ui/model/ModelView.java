package dev.trainbench.ui.model;

import dev.trainbench.model.Preset;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.SpecException;
import dev.trainbench.ui.EnumNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;

/** The Model screen: layer stack table with shapes, counts and problems; presets, grow, init; a property sheet per layer. */
public final class ModelView extends dev.trainbench.ui.KeptSplitPane {
    private final ModelViewModel vm;
    private final TableView<ModelViewModel.LayerRow> table = new TableView<>(null);
    private final PropertySheet sheet = new PropertySheet();
    private final Label editError = new Label();
    private final Label selectedTitle = new Label("Select a layer to edit it.");
    private int selectedIndex = -1;

    public ModelView(ModelViewModel vm) {
        this.vm = vm;
        setId("model-view");
        getItems().addAll(left(), right());
        keepDividers(0.64);
    }

    private VBox left() {
        ComboBox<Preset> presets = new ComboBox<>();
        presets.getItems().setAll(vm.presets());
        presets.setId("preset");
        presets.setPromptText("Presets...");
        presets.setConverter(new StringConverter<>() {
            @Override
            public String toString(Preset p) {
                return p == null ? "" : p.title();
            }

            @Override
            public Preset fromString(String s) {
                return null;
            }
        });
        presets.setOnAction(e -> {
            Preset p = presets.getValue();
            if (p != null) {
                vm.applyPreset(p.name());
            }
        });
        presets.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Preset p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.title());
                dev.trainbench.ui.Tips.set(this, empty || p == null ? null : p.description());
            }
        });
        Button grow = new Button("Grow: add layer");
        grow.setOnAction(e -> vm.growAddLayer());
        grow.setTooltip(dev.trainbench.ui.Tips.of("Start small and grow: repeats the last hidden layer."));
        Button widen = new Button("Grow: widen");
        widen.setOnAction(e -> vm.growWiden());
        widen.setTooltip(dev.trainbench.ui.Tips.of("Doubles the last dense layer's units (or the last convolution's filters)."));
        ChoiceBox<InitSpec.Type> init = EnumNames.choiceBox(InitSpec.Type.class);
        init.setId("init");
        init.valueProperty().bindBidirectional(vm.initTypeProperty());
        init.setTooltip(dev.trainbench.ui.Tips.of("How weights start. Zeros is there to show the failure it causes."));
        Label initLabel = new Label("Init");
        // wraps to a second line when narrow (presentation mode's large font) instead of cutting the buttons
        HBox initBox = new HBox(8, initLabel, init);
        initBox.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane top = new javafx.scene.layout.FlowPane(8, 6, presets, grow, widen, initBox);
        top.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.control.Control c : List.of(grow, widen, initLabel, init)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }

        MenuButton add = new MenuButton("Add layer");
        add.setId("add-layer");
        for (LayerSpec.Type t : LayerSpec.Type.values()) {
            MenuItem item = new MenuItem(t.jsonName());
            item.setOnAction(e -> select(vm.add(t, selectedIndex)));
            add.getItems().add(item);
        }
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            if (selectedIndex >= 0) {
                vm.remove(selectedIndex);
                select(Math.min(selectedIndex, vm.layers().size() - 1));
            }
        });
        Button up = new Button("Move up");
        up.setOnAction(e -> select(vm.move(selectedIndex, -1)));
        Button down = new Button("Move down");
        down.setOnAction(e -> select(vm.move(selectedIndex, 1)));
        javafx.scene.layout.FlowPane edit = new javafx.scene.layout.FlowPane(8, 6, add, remove, up, down);
        edit.setAlignment(Pos.CENTER_LEFT);

        table.setItems(vm.rows());
        table.setId("layer-table");
        dev.trainbench.ui.Tables.fit(table, 220);
        table.getColumns().add(column("#", r -> r.index() < 0 ? "out" : Integer.toString(r.index() + 1), 44));
        table.getColumns().add(column("layer", ModelViewModel.LayerRow::label, 170));
        table.getColumns().add(column("output shape", ModelViewModel.LayerRow::shape, 110));
        table.getColumns().add(column("parameters", ModelViewModel.LayerRow::parameters, 100));
        TableColumn<ModelViewModel.LayerRow, String> problem = column("problem", ModelViewModel.LayerRow::problem, 320);
        problem.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                dev.trainbench.ui.Tips.set(this, empty ? null : text);
                setText(empty ? null : text);
                getStyleClass().remove("problem-cell");
                if (!empty && text != null && !text.isEmpty()) {
                    getStyleClass().add("problem-cell");
                }
            }
        });
        table.getColumns().add(problem);
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(ModelViewModel.LayerRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"),
                        !empty && row != null && !row.problem().isEmpty());
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("output"), !empty && row != null && row.index() < 0);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                selectedIndex = row.index();
                showEditor(row);
            }
        });
        vm.rows().addListener((ListChangeListener<ModelViewModel.LayerRow>) c -> {
            if (selectedIndex >= 0 && selectedIndex < vm.layers().size()) {
                table.getSelectionModel().select(selectedIndex);
            }
        });
        table.setPlaceholder(new Label("No layers: the model is linear (input straight to the output layer)."));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setId("model-summary");
        summary.getStyleClass().add("view-title");
        VBox lintBox = new VBox(4);
        vm.lint().addListener((ListChangeListener<String>) c -> fillLint(lintBox));
        fillLint(lintBox);
        VBox box = new VBox(8, top, summary, edit, table, lintBox);
        box.setPadding(new Insets(10));
        return box;
    }

    private void fillLint(VBox box) {
        box.getChildren().clear();
        for (String w : vm.lint()) {
            Label l = new Label(w);
            l.setWrapText(true);
            l.getStyleClass().add("warning-message");
            box.getChildren().add(l);
        }
    }


    private VBox right() {
        selectedTitle.getStyleClass().add("section-title");
        editError.getStyleClass().add("error-text");
        editError.setWrapText(true);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setId("layer-sheet");
        VBox.setVgrow(sheet, Priority.ALWAYS);
        VBox box = new VBox(8, selectedTitle, sheet, editError);
        box.setPadding(new Insets(10));
        return box;
    }

    private void select(int index) {
        selectedIndex = index;
        if (index >= 0 && index < table.getItems().size()) {
            table.getSelectionModel().select(index);
            table.scrollTo(index);
        }
    }

    private void showEditor(ModelViewModel.LayerRow row) {
        editError.setText("");
        sheet.getItems().clear();
        if (row.layer() == null) {
            selectedTitle.setText(row.index() < 0 ? "Output layer: sized by the data, not editable." : "Select a layer.");
            return;
        }
        LayerSpec l = row.layer();
        selectedTitle.setText("Layer " + (row.index() + 1) + ": " + l.type().jsonName());
        int index = row.index();
        List<PropertySheet.Item> items = new ArrayList<>();
        switch (l.type()) {
            case DENSE -> items.add(new Field(index, "units", "Number of neurons", Integer.class, l.units()));
            case CONV2D -> {
                items.add(new Field(index, "filters", "Output channels", Integer.class, l.filters()));
                items.add(new Field(index, "kernel", "Kernel size (square)", Integer.class, l.kernel()));
                items.add(new Field(index, "stride", "Step between positions", Integer.class, l.strideOrDefault()));
                items.add(new Field(index, "padding", "Zeros added on each side", Integer.class, l.paddingOrDefault()));
            }
            case MAXPOOL, AVGPOOL -> items.add(new Field(index, "kernel", "Pooling window (square)", Integer.class, l.kernel()));
            case DROPOUT -> items.add(new Field(index, "rate", "Fraction of activations dropped while training", Double.class,
                    l.rate()));
            case LEAKYRELU -> items.add(new Field(index, "alpha", "Slope for negative inputs", Double.class, l.alphaOrDefault()));
            default -> { }
        }
        if (items.isEmpty()) {
            selectedTitle.setText(selectedTitle.getText() + " (no settings)");
        }
        sheet.getItems().setAll(items);
    }

    /** One editable field of a layer; setting it rebuilds the layer, and a rejected value shows the reason. */
    private final class Field implements PropertySheet.Item {
        private final int index;
        private final String name;
        private final String description;
        private final Class<?> type;
        private Object value;

        Field(int index, String name, String description, Class<?> type, Object value) {
            this.index = index;
            this.name = name;
            this.description = description;
            this.type = type;
            this.value = value;
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public String getCategory() {
            return "Layer";
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public void setValue(Object v) {
            if (v == null || v.equals(value)) {
                return;
            }
            Object converted = type == Integer.class ? Integer.valueOf(((Number) v).intValue()) : Double.valueOf(((Number) v).doubleValue());
            try {
                vm.setLayerField(index, name, (Number) converted);
                value = converted;
                editError.setText("");
            } catch (SpecException e) {
                editError.setText(e.getMessage());
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }
    }

    private static TableColumn<ModelViewModel.LayerRow, String> column(String name,
            Function<ModelViewModel.LayerRow, String> value, double width) {
        TableColumn<ModelViewModel.LayerRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
