package dev.trainbench.cli;

import dev.trainbench.runs.RunStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --workspace DIR}, shared by every command that reads or writes runs. */
final class WorkspaceOption {
    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "Workspace folder holding runs/ (default: -Dtrainbench.workspace, $TRAINBENCH_WORKSPACE, or ~/TrainBench).")
    Path workspace;

    RunStore store() {
        return new RunStore(workspace != null ? workspace : RunStore.defaultWorkspace());
    }
}
