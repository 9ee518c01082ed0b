package dev.trainbench.cli;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.train.FinalTest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", description = "Final test: evaluate a run's best checkpoint on its held-back test split (recorded in the run).")
final class TestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, a unique prefix of it, or a unique run name.")
    String run;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder that relative data paths in the spec resolve against (default: current folder).")
    Path dataDir;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        RunStore store = workspace.store();
        RunRecord r = store.find(run);
        RunRecord tested = FinalTest.evaluate(store, r.id(), dataDir == null ? Path.of("").toAbsolutePath() : dataDir);
        RunCommand.printSummary(commandSpec.commandLine().getOut(), tested, store);
        commandSpec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
