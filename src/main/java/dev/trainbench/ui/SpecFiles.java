package dev.trainbench.ui;

import dev.trainbench.runs.RunFiles;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Opening and saving experiment specs from the GUI (File menu): read and written in the
 * background, in the same strict, versioned format as {@code examples/} and the command line. A
 * spec that cannot be read changes nothing and says what is wrong and how to fix it.
 */
public final class SpecFiles {
    private final WorkbenchModel model;

    public SpecFiles(WorkbenchModel model) {
        this.model = model;
    }

    /** Reads {@code file} in the background; on success makes it the spec being edited and calls {@code onOpened}. */
    public void open(Path file, Consumer<ExperimentSpec> onOpened) {
        model.tasks().run("Opening " + file.getFileName(), () -> SpecJson.read(file), spec -> {
            model.setSpec(spec);
            onOpened.accept(spec);
        }, error -> model.errors().report("Opening the spec", error));
    }

    /** Writes the spec being edited to {@code file} (atomically: a failed write leaves the old file). */
    public void saveAs(Path file, Runnable onSaved) {
        ExperimentSpec spec = model.spec();
        model.tasks().run("Saving " + file.getFileName(), () -> {
            write(spec, file);
            return file;
        }, saved -> onSaved.run(), error -> model.errors().report("Saving the spec", error));
    }

    /** The spec as a spec file: the same JSON the CLI reads, ending with a newline. */
    public static void write(ExperimentSpec spec, Path file) throws java.io.IOException {
        byte[] bytes = (SpecJson.write(spec) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        RunFiles.writeAtomically(file.toAbsolutePath(), (OutputStream out) -> out.write(bytes));
    }
}
