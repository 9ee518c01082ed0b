package dev.trainbench.ui.model;

import dev.trainbench.data.Dataset;
import dev.trainbench.model.ArchitectureLint;
import dev.trainbench.model.LayerInfo;
import dev.trainbench.model.LintWarning;
import dev.trainbench.model.ModelGrower;
import dev.trainbench.model.ModelSummary;
import dev.trainbench.model.Preset;
import dev.trainbench.model.Presets;
import dev.trainbench.model.ShapeInference;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.LayerSpec;
import dev.trainbench.spec.ModelSpec;
import dev.trainbench.ui.WorkbenchModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Model screen's state: the layer stack of the shared spec, with the output shape, parameter
 * count and problem of every layer (computed from the loaded data's input shape), presets, grow
 * actions and the initialization.
 */
public final class ModelViewModel {

    /** One row of the layer table; {@code info} is null until data is loaded. {@code index} is -1 for the output layer. */
    public record LayerRow(int index, String label, LayerSpec layer, LayerInfo info) {
        public String shape() {
            return info == null ? "?" : info.shapeText();
        }

        public String parameters() {
            return info == null ? "?" : String.format(Locale.ROOT, "%,d", info.parameters());
        }

        public String problem() {
            return info == null || info.error() == null ? "" : info.error();
        }
    }

    private final WorkbenchModel model;
    private final ObservableList<LayerRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> lint = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty(true);
    private final ObjectProperty<InitSpec.Type> initType = new SimpleObjectProperty<>(InitSpec.Type.DEFAULT);
    private boolean syncing;

    public ModelViewModel(WorkbenchModel model) {
        this.model = model;
        model.specProperty().addListener((o, a, b) -> recompute());
        model.datasetProperty().addListener((o, a, b) -> recompute());
        initType.addListener((o, a, t) -> {
            if (!syncing && t != null) {
                // only the type changes; a sigma set earlier is kept (normal's default fills in when there is none)
                model.updateSpec(s -> s.withModel(s.model().withInit(s.model().init().withType(t))));
            }
        });
        recompute();
    }

    public List<Preset> presets() {
        return Presets.all();
    }

    public List<LayerSpec> layers() {
        return model.spec().model().layers();
    }

    private void setLayers(List<LayerSpec> layers) {
        model.updateSpec(s -> s.withModel(s.model().withLayers(layers)));
    }

    public void applyPreset(String name) {
        ModelSpec preset = Presets.get(name).model();
        model.updateSpec(s -> s.withModel(preset));
    }

    /** Adds a layer of {@code type} with sensible settings after {@code afterIndex} (-1: at the end). */
    public int add(LayerSpec.Type type, int afterIndex) {
        List<LayerSpec> layers = new ArrayList<>(layers());
        int at = afterIndex < 0 || afterIndex >= layers.size() ? layers.size() : afterIndex + 1;
        layers.add(at, defaultLayer(type));
        setLayers(layers);
        return at;
    }

    public static LayerSpec defaultLayer(LayerSpec.Type type) {
        return switch (type) {
            case DENSE -> LayerSpec.dense(64);
            case CONV2D -> LayerSpec.conv2d(16, 3, 1, 1);
            case MAXPOOL -> LayerSpec.maxPool(2);
            case AVGPOOL -> LayerSpec.avgPool(2);
            case DROPOUT -> LayerSpec.dropout(0.2);
            case LEAKYRELU -> LayerSpec.leakyRelu(0.01);
            case RESIDUAL -> LayerSpec.residual(List.of(LayerSpec.dense(64), LayerSpec.of(LayerSpec.Type.RELU)));
            default -> LayerSpec.of(type);
        };
    }

    public void remove(int index) {
        List<LayerSpec> layers = new ArrayList<>(layers());
        if (index >= 0 && index < layers.size()) {
            layers.remove(index);
            setLayers(layers);
        }
    }

    /** Moves a layer by {@code delta} places; returns its new index. */
    public int move(int index, int delta) {
        List<LayerSpec> layers = new ArrayList<>(layers());
        int to = index + delta;
        if (index < 0 || index >= layers.size() || to < 0 || to >= layers.size()) {
            return index;
        }
        LayerSpec l = layers.remove(index);
        layers.add(to, l);
        setLayers(layers);
        return to;
    }

    /** Replaces a layer (after an edit); the spec's validation runs before. */
    public void replace(int index, LayerSpec layer) {
        List<LayerSpec> layers = new ArrayList<>(layers());
        layers.set(index, layer);
        setLayers(layers);
    }

    /**
     * Sets one setting of layer {@code index} ("units", "filters", "kernel", "stride", "padding",
     * "rate", "alpha"), leaving the layer's other fields as they are (a stride left to its default
     * stays left out). Throws the spec's reason when the value is not allowed.
     */
    public void setLayerField(int index, String field, Number value) {
        LayerSpec l = layers().get(index);
        LayerSpec updated = switch (field) {
            case "units" -> l.withUnits(value.intValue());
            case "filters" -> l.withFilters(value.intValue());
            case "kernel" -> l.withKernel(value.intValue());
            case "stride" -> l.withStride(value.intValue());
            case "padding" -> l.withPadding(value.intValue());
            case "rate" -> l.withRate(value.doubleValue());
            case "alpha" -> l.withAlpha(value.doubleValue());
            default -> throw new IllegalArgumentException("a layer has no setting \"" + field + "\"");
        };
        replace(index, updated);
    }

    public void growAddLayer() {
        model.updateSpec(s -> s.withModel(ModelGrower.addLayer(s.model())));
    }

    public void growWiden() {
        model.updateSpec(s -> s.withModel(ModelGrower.widen(s.model())));
    }

    private void recompute() {
        syncing = true;
        try {
            initType.set(model.spec().model().init().type());
        } finally {
            syncing = false;
        }
        List<LayerSpec> layers = layers();
        Dataset d = model.dataset();
        List<LayerRow> out = new ArrayList<>();
        lint.clear();
        if (d == null) {
            for (int i = 0; i < layers.size(); i++) {
                out.add(new LayerRow(i, layers.get(i).label(), layers.get(i), null));
            }
            summary.set(layers.size() + " layers; load data to see shapes and parameter counts.");
            valid.set(true);
        } else {
            ModelSummary s = ShapeInference.infer(layers, d.sampleShape(), d.outputWidth());
            for (LayerInfo info : s.layers()) {
                int index = -1;
                try {
                    index = Integer.parseInt(info.position()) - 1;
                } catch (NumberFormatException notTopLevel) {
                    // "out" or a residual body position
                }
                out.add(new LayerRow(index, info.label(), index >= 0 && index < layers.size() ? layers.get(index) : null, info));
            }
            valid.set(s.valid());
            summary.set(String.format(Locale.ROOT, "Input %s -> %d outputs; %,d trainable parameters%s",
                    ShapeInference.shapeText(d.sampleShape()), d.outputWidth(), s.totalParameters(),
                    s.valid() ? "" : ". The stack cannot connect: " + s.errorMessage()));
            long trainSamples = Math.round(d.size() * model.spec().split().train() / 100.0);
            if (model.spec().split().subset() != null) {
                trainSamples = Math.min(trainSamples, model.spec().split().subset());
            }
            for (LintWarning w : ArchitectureLint.check(layers, d.sampleShape(), d.outputWidth(), trainSamples)) {
                lint.add((w.position() == null ? "" : "Layer " + w.position() + ": ") + w.message() + " " + w.fix());
            }
        }
        rows.setAll(out);
    }

    public ObservableList<LayerRow> rows() {
        return rows;
    }

    public ObservableList<String> lint() {
        return lint;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public BooleanProperty validProperty() {
        return valid;
    }

    public ObjectProperty<InitSpec.Type> initTypeProperty() {
        return initType;
    }

    public WorkbenchModel workbench() {
        return model;
    }
}
