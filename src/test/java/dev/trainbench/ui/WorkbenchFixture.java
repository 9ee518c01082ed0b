package dev.trainbench.ui;

import dev.trainbench.runs.RunStore;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.task.FxTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;

/** The real main window on a stage, over a workspace, with errors collected instead of shown. */
final class WorkbenchFixture implements AutoCloseable {
    final MainWindow window;
    final TrainerService trainer;
    final FxTaskRunner tasks = new FxTaskRunner();
    final List<String> errors = new ArrayList<>();

    /** With {@code withTrainer} false the window has no trainer service (data and model screens only). */
    WorkbenchFixture(Stage stage, Path workspace, boolean withTrainer) {
        RunStore store = new RunStore(workspace);
        trainer = withTrainer ? new TrainerService(store) : null;
        WorkbenchModel model = new WorkbenchModel(store, trainer, Path.of("").toAbsolutePath(), tasks,
                (action, error) -> errors.add(action + ": " + UserMessage.of(action, error).text()));
        window = new MainWindow(model);
        stage.setScene(window.createScene(1400, 900));
        stage.show();
    }

    @Override
    public void close() {
        if (trainer != null) {
            window.shutdown();
            trainer.close();
        }
        tasks.close();
    }
}
