package dev.trainbench.ui;

import dev.trainbench.runs.RunStore;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.task.FxTaskRunner;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The desktop application. The workspace is the run store's default (under the user's home) unless
 * the system property {@code trainbench.workspace} names another folder.
 */
public final class TrainBenchApp extends Application {
    private TrainerService trainer;
    private FxTaskRunner tasks;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        String ws = System.getProperty("trainbench.workspace");
        RunStore store = new RunStore(ws == null ? RunStore.defaultWorkspace() : Path.of(ws));
        trainer = new TrainerService(store);
        tasks = new FxTaskRunner();
        WorkbenchModel model = new WorkbenchModel(store, trainer, Path.of("").toAbsolutePath(), tasks,
                new FxErrorReporter(() -> stage));
        window = new MainWindow(model);
        stage.setTitle("TrainBench");
        stage.setScene(window.createScene(1440, 900));
        stage.show();
        window.startUp();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
        if (trainer != null) {
            trainer.close();
        }
        if (tasks != null) {
            tasks.close();
        }
    }

    public static void main(String[] args) {
        launch(TrainBenchApp.class, args);
    }
}
