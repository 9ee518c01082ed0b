package dev.trainbench.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code trainbench run} arguments of one sweep task: the same for both executors, so that a
 * run trained on a cluster node and one trained here differ in nothing but where they ran.
 */
final class TaskCommand {
    private TaskCommand() {
    }

    /**
     * @param specFile the task's spec file (or a shell expression for it, in a job script)
     * @param task     the task index (or a shell expression)
     * @param threads  libtorch threads
     * @param device   {@code gpu}, or null for the spec's device
     */
    static List<String> args(String specFile, String workspace, String sweepId, String task, int threads, String device) {
        List<String> args = new ArrayList<>(List.of("run", specFile, "--workspace", workspace, "--sweep", sweepId, "--task", task,
                "--threads", Integer.toString(threads), "--quiet"));
        if (device != null) {
            args.add("--device");
            args.add(device);
        }
        return args;
    }
}
