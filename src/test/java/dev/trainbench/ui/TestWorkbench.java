package dev.trainbench.ui;

import dev.trainbench.runs.RunStore;
import dev.trainbench.ui.task.SameThreadTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A workbench for view-model tests: same-thread tasks, errors collected in a list, no trainer. */
public final class TestWorkbench {
    public final List<String> errors = new ArrayList<>();
    public final WorkbenchModel model;

    public TestWorkbench(Path workspace) {
        model = new WorkbenchModel(new RunStore(workspace), null, Path.of(""), new SameThreadTaskRunner(),
                (action, error) -> errors.add(action + ": " + UserMessage.of(action, error).whatHappened()));
    }
}
