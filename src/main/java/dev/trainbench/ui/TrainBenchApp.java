package dev.trainbench.ui;

import com.sun.javafx.perf.PerformanceTracker;
import dev.trainbench.runs.RunStore;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.task.FxTaskRunner;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
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
     * Runs {@code then} once, on the FX thread, when the window's first frame is on the screen. With
     * the software pipeline the frame is rendered on JavaFX's render thread and then copied to the
     * window on the FX thread, and rendering it the first time runs much cold code: work started
     * at the first pulse competed with it (the window stayed blank about a CPU second longer). The
     * notice that a frame was rendered is internal to JavaFX (its performance tracker); where it
     * cannot be reached (JavaFX as named modules without the export), the third pulse stands in.
     */
    private static void afterFirstFrame(Scene scene, Runnable then) {
        try {
            PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
            boolean[] done = new boolean[1];
            tracker.setOnRenderedFrameTask(() -> {
                if (!done[0]) {
                    done[0] = true;
                    Platform.runLater(() -> {
                        tracker.setOnRenderedFrameTask(null);
                        PerformanceTracker.releaseSceneTracker(scene);
                        then.run();
                    });
                }
            });
            return;
        } catch (LinkageError | RuntimeException e) {
            // the fallback below
        }
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 3) {
                    stop();
                    then.run();
                }
            }
        }.start();
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
