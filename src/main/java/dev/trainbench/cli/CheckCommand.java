package dev.trainbench.cli;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.SanityProbes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = {
        "Pre-run sanity checks for SPEC.json (nothing is saved in the workspace): overfit one small batch,"
                + " and an input-independent baseline (a model trained on zeroed inputs must do worse).",
        "Exit 0 when every check passes, 1 when any warns, 2 for bad input."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "Experiment spec (see examples/).")
    Path specFile;

    @Option(names = "--batch", paramLabel = "N", description = "Samples in the batch to overfit (default: ${DEFAULT-VALUE}).",
            defaultValue = "16")
    int batch;

    @Option(names = "--steps", paramLabel = "N", description = "At most this many steps on that batch (default: ${DEFAULT-VALUE}).",
            defaultValue = "200")
    int steps;

    /** Accepted like on every other command, so that scripts can pass one set of options; nothing is saved there. */
    @CommandLine.Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--batch must be >= 1, was " + batch);
        }
        if (steps < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--steps must be >= 1, was " + steps);
        }
        ExperimentSpec spec = SpecJson.read(specFile);
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        SanityProbes.Options options = new SanityProbes.Options(batch, steps, SanityProbes.Options.defaults().baselineSamples());
        List<SanityProbes.Finding> findings = SanityProbes.run(spec, specFile.toAbsolutePath().getParent(), options,
                w -> err.println("warning: " + w));
        findings.forEach(f -> out.println(f.line()));
        out.flush();
        err.flush();
        return findings.stream().allMatch(SanityProbes.Finding::ok) ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
}
