package dev.trainbench.cli;

import dev.trainbench.model.ModelSummary;
import dev.trainbench.model.Preset;
import dev.trainbench.model.Presets;
import dev.trainbench.model.ShapeInference;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "presets", description = "List the model presets, with layer shapes and parameter counts for MNIST-sized input.")
final class PresetsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        for (Preset p : Presets.all()) {
            ModelSummary s = ShapeInference.infer(p.model().layers(), new int[] {1, 28, 28}, 10);
            out.printf("%s (%s): %s%n", p.name(), p.title(), p.description());
            s.layers().forEach(l -> out.printf("    %-4s %-24s %-12s %,10d%n", l.position(), l.label(), l.shapeText(), l.parameters()));
            out.printf("    %,d parameters for 1x28x28 input and 10 classes%n%n", s.totalParameters());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
