package dev.trainbench.cli;

import dev.trainbench.sweep.Slurm;
import dev.trainbench.sweep.SweepCancel;
import dev.trainbench.sweep.SweepFolder;
import dev.trainbench.sweep.Sweeps;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = {"Cancel a sweep: queued tasks never start; running ones are stopped (scancel, or",
    "SIGTERM to the local processes) and save their runs as stopped. Runs already written stay."})
final class SweepCancelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep's id (s-...), a unique prefix of it, or its name.")
    String ref;

    @Mixin
    WorkspaceOption workspace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        SweepFolder folder = new Sweeps(workspace.store().workspace()).find(ref);
        out.println("sweep " + folder.id() + ":");
        for (String line : SweepCancel.cancel(folder, Slurm.system())) {
            out.println("  " + line);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
