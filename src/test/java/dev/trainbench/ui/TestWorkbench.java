package dev.trainbench.ui;

import dev.trainbench.runs.RunStore;
import dev.trainbench.ui.task.SameThreadTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A workbench for view-model tests: same-thread tasks (unless given), errors collected in a list, no trainer (unless given). */
public final class TestWorkbench {
    public final List<String> errors = new ArrayList<>();
    public final WorkbenchModel model;

    public TestWorkbench(Path workspace) {
        this(workspace, null, new SameThreadTaskRunner());
    }

    /** With a trainer service (which the test closes) and the given task runner. */
    public TestWorkbench(Path workspace, dev.trainbench.train.TrainerService trainer, dev.trainbench.ui.task.TaskRunner tasks) {
        model = new WorkbenchModel(new RunStore(workspace), trainer, Path.of(""), tasks,
                (action, error) -> errors.add(action + ": " + UserMessage.of(action, error).whatHappened()));
    }
}
