package dev.trainbench.ui;

import dev.trainbench.runs.RunStore;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.task.FxTaskRunner;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop application. The workspace is the run store's default (under the user's home) unless
 * the system property {@code trainbench.workspace} names another folder.
 *
 * <p>Start-up order (BENCHMARKS.md, start-up): the window with its navigation and the Data screen
 * is shown first; the engine, the data set, the workspace's runs and the other screens follow after
 * the first frame ({@link MainWindow#startUp(Runnable)}).
 */
public final class TrainBenchApp extends Application {
    private TrainerService trainer;
    private FxTaskRunner tasks;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("toolkit started");
        String ws = System.getProperty("trainbench.workspace");
        RunStore store = new RunStore(ws == null ? RunStore.defaultWorkspace() : Path.of(ws));
        trainer = new TrainerService(store);
        tasks = new FxTaskRunner();
        WorkbenchModel model = new WorkbenchModel(store, trainer, Path.of("").toAbsolutePath(), tasks,
                new FxErrorReporter(() -> stage));
        window = new MainWindow(model);
        StartupTrace.mark("main window built");
        stage.setTitle("TrainBench");
        Scene scene = window.createScene(1440, 900);
        stage.setScene(scene);
        afterFirstFrame(scene, () -> {
            StartupTrace.mark(StartupTrace.FIRST_FRAME);
            window.startUp(() -> StartupTrace.mark(StartupTrace.ALL_SCREENS_READY));
        });
        stage.show();
        StartupTrace.mark("shown");
    }

    /**
     * Runs {@code then} once, on the FX thread, right after the scene's first pulse (CSS, layout,
     * and the frame handed to the renderer).
     */
    private static void afterFirstFrame(Scene scene, Runnable then) {
        Runnable[] listener = new Runnable[1];
        boolean[] seen = new boolean[1];
        listener[0] = () -> {
            if (!seen[0]) {
                seen[0] = true;
                // removed in the next event: the scene is iterating over its listeners right now
                Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(listener[0]);
                    then.run();
                });
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
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
        RenderingPipeline.chooseBeforeStart();
        launch(TrainBenchApp.class, args);
    }
}
