package dev.trainbench.ui;

import dev.trainbench.runs.RunStore;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.data.DataViewModel;
import dev.trainbench.ui.task.FxTaskRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Opens the real window off-screen with realistic state (real short training runs) and writes a
 * PNG of each screen. Run headless:
 * <pre>
 * java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1600x1000-32 \
 *     -cp target/test-classes:target/classes:... dev.trainbench.ui.ScreenshotTool assets [only-file.png ...]
 * </pre>
 * With file names after the folder, only those screenshots are written (the same steps run up to the last of them).
 */
public final class ScreenshotTool {
    private static MainWindow window;
    private static Scene scene;
    private static java.util.Set<String> only = java.util.Set.of();
    private static int written;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        only = java.util.Set.of(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        Files.createDirectories(out);
        // -Dtrainbench.shots.workspace=DIR: reuse a workspace (a sweep trained by an earlier try)
        Path workspace = System.getProperty("trainbench.shots.workspace") != null
                ? Path.of(System.getProperty("trainbench.shots.workspace")) : Files.createTempDirectory("trainbench-shots");
        System.out.println("workspace " + workspace);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        RunStore store = new RunStore(workspace);
        TrainerService trainer = new TrainerService(store);
        FxTaskRunner tasks = new FxTaskRunner();
        fx(() -> {
            WorkbenchModel model = new WorkbenchModel(store, trainer, Path.of("").toAbsolutePath(), tasks,
                    (action, error) -> System.err.println(action + ": " + UserMessage.of(action, error).text()));
            window = new MainWindow(model);
            Stage stage = new Stage();
            scene = window.createScene(1440, 900);
            stage.setScene(scene);
            stage.show();
            window.startUp();
        });
        WorkbenchModel model = window.workbench();
        waitUntil(120, () -> model.dataset() != null);
        waitUntil(120, () -> !model.engineSummaryProperty().get().contains("loading"));
        if (only.contains("screenshot-presentation.png") || only.contains("screenshot-dark.png")) {
            // presentation mode and the dark theme, on a spiral run paused mid-way
            midRunScreenshots(out);
            fx(() -> window.shutdown());
            trainer.close();
            tasks.close();
            Platform.exit();
            System.exit(0);
        }
        if (only.equals(java.util.Set.of("screenshot-sweep-gui.png"))) {
            // just the sweep in Compare: a real local sweep (task processes), then the comparison
            sweepCompareScreenshot(out, workspace);
            fx(() -> window.shutdown());
            trainer.close();
            tasks.close();
            Platform.exit();
            System.exit(0);
        }
        if (only.equals(java.util.Set.of("screenshot-compare.png"))) {
            // just the comparison: no need for the other screens' runs first
            compareScreenshot(out);
            fx(() -> window.shutdown());
            trainer.close();
            tasks.close();
            Platform.exit();
            System.exit(0);
        }
        if (only.isEmpty() || only.contains("screenshot-lr-range.png")) {
            // the learning-rate range test's window, on the startup spec (quick: nothing is trained for real)
            fx(() -> {
                window.show(2);
                window.trainViewModel().lrRangeTest();
            });
            waitUntil(180, () -> window.trainView().lrWindow() != null && !window.trainViewModel().findingLrProperty().get());
            settle();
            shotOf(window.trainView().lrWindow().getScene(), out.resolve("screenshot-lr-range.png"));
            fx(() -> window.trainView().lrWindow().close());
        }

        if (only.isEmpty() || only.stream().anyMatch(f -> f.startsWith("screenshot-predict"))) {
            predictShots(out);
        }

        if (only.isEmpty() || only.stream().anyMatch(n -> n.startsWith("screenshot-diagnosis"))) {
            diagnosisShots(out);
        }

        // a first real run on MNIST (subset) so the runs table has more than one row
        fx(() -> {
            window.modelViewModel().applyPreset("tiny-mlp");
            window.dataViewModel().useSubsetProperty().set(true);
            window.dataViewModel().subsetSizeProperty().set(3000);
            window.trainViewModel().epochsProperty().set(3);
            window.trainViewModel().runNameProperty().set("mnist tiny-mlp 3k");
            window.show(2);
            window.trainViewModel().start();
        });
        waitUntil(300, () -> !window.trainViewModel().runningProperty().get());
        System.out.println("mnist run: " + window.trainViewModel().uiTimingSummary() + "\n" + window.trainView().frameProfile().report());
        // the final test of that run, shown in its own window
        String[] testedId = new String[1];
        fx(() -> {
            window.show(3);
            var runs = window.runsViewModel();
            String id = window.trainViewModel().currentProperty().get().runId();
            testedId[0] = id;
            runs.finalTest(id, r -> { });
        });
        waitUntil(120, () -> !window.runsViewModel().testingProperty().get());
        Stage[] testStage = new Stage[1];
        fx(() -> {
            var record = window.workbench().store().load(testedId[0]);
            var runsView = (dev.trainbench.ui.runs.RunsView) scene.lookup("#runs-view");
            testStage[0] = runsView.showTestResult(record);
        });
        settle();
        shotOf(testStage[0].getScene(), out.resolve("screenshot-test.png"));
        fx(() -> testStage[0].close());
        fx(() -> {
            window.show(0);
            window.dataViewModel().augShiftProperty().set(2);
            window.dataViewModel().augRotationProperty().set(12);
            window.dataViewModel().augNoiseProperty().set(0.2);
            window.modelViewModel().applyPreset("lenet-cnn");
        });
        settle();
        shot(out.resolve("screenshot-data.png"));
        fx(() -> window.show(1));
        settle();
        fx(() -> {
            var table = (javafx.scene.control.TableView<?>) scene.lookup("#layer-table");
            table.getSelectionModel().select(0);
        });
        settle();
        shot(out.resolve("screenshot-model.png"));

        // the spiral: decision boundary and all the curves
        fx(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.TOY);
            window.dataViewModel().toyNameProperty().set("spiral");
            window.dataViewModel().useSubsetProperty().set(false);
            window.dataViewModel().load();
        });
        waitUntil(60, () -> model.dataset() != null && model.dataset().sampleSize() == 2);
        fx(() -> {
            window.modelViewModel().applyPreset("mlp-2x128");
            window.trainViewModel().batchSizeProperty().set(16);
            window.trainViewModel().epochsProperty().set(40);
            window.trainViewModel().learningRateProperty().set(0.003);
            window.trainViewModel().runNameProperty().set("spiral mlp-2x128");
            window.show(2);
            window.trainViewModel().start();
        });
        waitUntil(600, () -> !window.trainViewModel().runningProperty().get());
        System.out.println("spiral run: " + window.trainViewModel().uiTimingSummary() + "\n" + window.trainView().frameProfile().report());
        System.out.println("spiral run (legacy): longest frame gap " + window.trainViewModel().longestFrameGapMillisProperty().get()
                + " ms, longest chart update " + window.trainViewModel().longestFrameWorkMillisProperty().get() + " ms");
        fx(() -> {
            var chart = window.trainView().lossChart();
            chart.showHover(chart.getWidth() * 0.45, 120);
        });
        settle();
        shot(out.resolve("screenshot-train.png"));
        fx(() -> window.toggleTheme());
        settle();
        shot(out.resolve("screenshot-train-dark.png"));
        fx(() -> {
            window.toggleTheme();
            window.show(3);
        });
        settle();
        shot(out.resolve("screenshot-runs.png"));
        // the charts window of the finished spiral run (Runs > Open charts)
        Stage[] chartStage = new Stage[1];
        fx(() -> {
            String id = window.trainViewModel().currentProperty().get().runId();
            var record = window.workbench().store().load(id);
            var runsView = (dev.trainbench.ui.runs.RunsView) scene.lookup("#runs-view");
            chartStage[0] = runsView.chartsWindow(record, new dev.trainbench.runs.MetricsTable[] {
                window.workbench().store().readSteps(id), window.workbench().store().readEpochs(id)});
        });
        settle();
        shotOf(chartStage[0].getScene(), out.resolve("screenshot-run-charts.png"));
        fx(() -> chartStage[0].close());

        // Compare: did dropout help, and by more than seed noise? Two seed groups of three runs each
        if (only.isEmpty() || only.contains("screenshot-compare.png")) {
            compareScreenshot(out);
        }
        fx(() -> window.shutdown());
        trainer.close();
        tasks.close();
        Platform.exit();
        System.exit(0);
    }

    /**
     * The Predict view with the MNIST CNN of a short run: a drawn 7 (normal, and in presentation
     * mode at 1280x800), and a labelled folder of digits with its confusion matrix.
     */
    private static void predictShots(Path out) throws Exception {
        Path model = dev.trainbench.ui.predict.TrainedMnistModel.file();
        var vm = window.predictViewModel();
        fx(() -> {
            window.showPredict();
            vm.openModel(model);
        });
        waitUntil(120, () -> vm.modelProperty().get() != null);
        int before = vm.drawPredictionsProperty().get();
        fx(() -> {
            var pad = window.predictView().pad();
            // a seven: the bar, then the stem, drawn as a hand would in short segments
            stroke(pad, 78, 62, 206, 58);
            stroke(pad, 206, 58, 128, 232);
            stroke(pad, 140, 140, 190, 140);
        });
        waitUntil(60, () -> vm.drawPredictionsProperty().get() > before && !vm.drawnClassProperty().get().isEmpty());
        settle();
        System.out.println("drawn 7 predicted as " + vm.drawnClassProperty().get() + " " + vm.drawnDetailProperty().get());
        shot(out.resolve("screenshot-predict.png"));
        Stage stage = (Stage) scene.getWindow();
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            window.togglePresentation();
        });
        settle();
        shot(out.resolve("screenshot-predict-presentation-1280.png"));
        // a projector's 1024x768: the pad, the input and every bar must still fit
        fx(() -> {
            stage.setWidth(1024);
            stage.setHeight(768);
        });
        settle();
        shot(out.resolve("screenshot-predict-presentation-1024.png"));
        fx(() -> {
            window.togglePresentation();
            stage.setWidth(1440);
            stage.setHeight(900);
        });
        // a labelled folder of 300 shipped digits, one sub-folder per class
        Path digits = Files.createTempDirectory("trainbench-digits");
        var mnist = dev.trainbench.data.DatasetLoader.sample("mnist");
        for (int i = 9000; i < 9300; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    img.getRaster().setSample(x, y, 0, (int) mnist.features()[i * 784 + y * 28 + x]);
                }
            }
            Path folder = digits.resolve(Integer.toString(mnist.labels()[i]));
            Files.createDirectories(folder);
            ImageIO.write(img, "png", folder.resolve("digit-" + i + ".png").toFile());
        }
        fx(() -> window.predictView().drop(java.util.List.of(digits)));
        waitUntil(120, () -> vm.evaluationProperty().get() != null);
        fx(() -> {
            var table = (javafx.scene.control.TableView<?>) scene.lookup("#prediction-table");
            int wrong = 0;
            for (int i = 0; i < vm.rows().size(); i++) {
                if (Boolean.FALSE.equals(vm.rows().get(i).right())) {
                    wrong = i;
                    break;
                }
            }
            table.getSelectionModel().select(wrong);
            table.scrollTo(Math.max(0, wrong - 3));
        });
        settle();
        System.out.println("selected: " + vm.selectedClassProperty().get() + " " + vm.selectedDetailProperty().get() + " "
                + vm.selectedBars().size() + " bars");
        shot(out.resolve("screenshot-predict-inputs.png"));
    }

    private static void stroke(dev.trainbench.ui.predict.DrawingPad pad, double x0, double y0, double x1, double y1) {
        int steps = 24;
        for (int i = 0; i < steps; i++) {
            pad.stroke(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps,
                    x0 + (x1 - x0) * (i + 1) / steps, y0 + (y1 - y0) * (i + 1) / steps);
        }
    }

    /**
     * The diagnosis panel on a failing run: the lr-too-high lesson's failing spec (Adam at learning
     * rate 1 on MNIST) in the Train view at two window sizes, and in the run's charts window. The
     * startup spec is restored afterwards, so the other screenshots do not change.
     */
    private static void diagnosisShots(Path out) throws Exception {
        dev.trainbench.spec.ExperimentSpec before = window.workbench().spec();
        fx(() -> {
            window.workbench().setSpec(dev.trainbench.diagnose.Lessons.get("lr-too-high").failing());
            window.show(2);
            window.trainViewModel().start();
        });
        waitUntil(300, () -> !window.trainViewModel().runningProperty().get());
        waitUntil(30, () -> !window.trainView().diagnosisPanel().findings().isEmpty());
        settle();
        shot(out.resolve("screenshot-diagnosis.png"));
        // the same at a small window size: in a stage of its own (Monocle's headless windows do not survive growing)
        Stage[] small = new Stage[1];
        fx(() -> {
            scene.setRoot(new javafx.scene.layout.Pane());
            Scene smallScene = new Scene(window, 1100, 720);
            smallScene.getStylesheets().setAll(scene.getStylesheets());
            small[0] = new Stage();
            small[0].setScene(smallScene);
            small[0].show();
        });
        settle();
        shotOf(small[0].getScene(), out.resolve("screenshot-diagnosis-small.png"));
        fx(() -> {
            small[0].getScene().setRoot(new javafx.scene.layout.Pane());
            small[0].close();
            scene.setRoot(window);
        });
        settle();
        Stage[] charts = new Stage[1];
        fx(() -> {
            String id = window.trainViewModel().currentProperty().get().runId();
            var record = window.workbench().store().load(id);
            window.show(3);
            var runsView = (dev.trainbench.ui.runs.RunsView) scene.lookup("#runs-view");
            var store = window.workbench().store();
            charts[0] = runsView.chartsWindow(record, new dev.trainbench.runs.MetricsTable[] {store.readSteps(id), store.readEpochs(id)},
                    dev.trainbench.diagnose.DiagnosisFile.read(store.dir(id)).orElseThrow().findings());
        });
        settle();
        shotOf(charts[0].getScene(), out.resolve("screenshot-diagnosis-run-charts.png"));
        fx(() -> {
            charts[0].close();
            window.workbench().setSpec(before);
            window.show(2);
        });
        if (only.isEmpty() || only.contains("screenshot-diagnosis-lesson.png")) {
            // Help > Lessons: the learning-rate lesson played, both runs side by side
            Stage[] lessons = new Stage[1];
            fx(() -> {
                lessons[0] = window.openLessons();
                var list = (javafx.scene.control.ListView<?>) lessons[0].getScene().lookup("#lesson-list");
                list.getSelectionModel().select(0);
                ((javafx.scene.control.Button) lessons[0].getScene().lookup("#lesson-play")).fire();
            });
            waitUntil(600, () -> !((javafx.scene.control.Button) lessons[0].getScene().lookup("#lesson-play")).isDisabled());
            settle();
            shotOf(lessons[0].getScene(), out.resolve("screenshot-diagnosis-lesson.png"));
            fx(() -> lessons[0].close());
        }
    }

    /**
     * Trains a spiral MLP three times (seeds 42-44) and the same with a dropout layer three times,
     * compares the six runs and writes the Compare screen; with {@code -Dtrainbench.shots.sizes=DIR}
     * also at 1280x800 and 1920x1080 into DIR, to look at both.
     */
    private static void compareScreenshot(Path out) throws Exception {
        WorkbenchModel model = window.workbench();
        fx(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.TOY);
            window.dataViewModel().toyNameProperty().set("spiral");
            window.dataViewModel().toySamplesProperty().set(600);
            window.dataViewModel().useSubsetProperty().set(false);
            window.dataViewModel().load();
        });
        waitUntil(60, () -> model.dataset() != null && model.dataset().size() == 600);
        fx(() -> {
            window.modelViewModel().applyPreset("mlp-2x128");
            window.trainViewModel().setParent(null, null);
            window.trainViewModel().batchSizeProperty().set(32);
            window.trainViewModel().epochsProperty().set(20);
            window.trainViewModel().learningRateProperty().set(0.003);
            window.trainViewModel().runNameProperty().set("spiral mlp");
            window.show(2);
            window.trainViewModel().repeatWithSeeds(3);
        });
        waitUntil(900, () -> !window.trainViewModel().runningProperty().get());
        fx(() -> {
            int last = window.modelViewModel().layers().size() - 1;
            window.modelViewModel().add(dev.trainbench.spec.LayerSpec.Type.DROPOUT, last);
            window.trainViewModel().runNameProperty().set("spiral mlp + dropout 0.2");
            window.trainViewModel().repeatWithSeeds(3);
        });
        waitUntil(900, () -> !window.trainViewModel().runningProperty().get());
        fx(() -> window.runsViewModel().reload());
        waitUntil(60, () -> model.runs().stream().filter(r -> r.groupId() != null).count() == 6);
        fx(() -> {
            var groups = model.runs().stream().filter(r -> r.groupId() != null).toList();
            window.runsViewModel().compare(groups);
        });
        waitUntil(120, () -> window.compareViewModel().comparisonProperty().get() != null
                && !window.compareViewModel().loadingProperty().get());
        settle();
        String sizes = System.getProperty("trainbench.shots.sizes");
        if (sizes != null) {
            Path dir = Path.of(sizes);
            Files.createDirectories(dir);
            for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
                fx(() -> {
                    scene.getWindow().setWidth(size[0]);
                    scene.getWindow().setHeight(size[1]);
                });
                settle();
                shot(dir.resolve("compare-" + size[0] + "x" + size[1] + ".png"), true);
                fx(() -> window.toggleTheme());
                settle();
                shot(dir.resolve("compare-" + size[0] + "x" + size[1] + "-dark.png"), true);
                fx(() -> window.toggleTheme());
                fx(() -> window.show(3));
                settle();
                shot(dir.resolve("runs-" + size[0] + "x" + size[1] + ".png"), true);
                fx(() -> window.show(4));
            }
            fx(() -> {
                scene.getWindow().setWidth(1440);
                scene.getWindow().setHeight(900);
            });
            settle();
        }
        shot(out.resolve("screenshot-compare.png"));
    }

    /**
     * The Train screen mid-run at 1440x900: a spiral MLP paused after a few epochs, in presentation
     * mode (screenshot-presentation.png) and in the dark theme (screenshot-dark.png; also the Data
     * screen with a drop-down open as screenshot-dark-data.png).
     */
    private static void midRunScreenshots(Path out) throws Exception {
        WorkbenchModel model = window.workbench();
        fx(() -> {
            window.dataViewModel().choiceProperty().set(DataViewModel.Choice.TOY);
            window.dataViewModel().toyNameProperty().set("spiral");
            window.dataViewModel().toySamplesProperty().set(900);
            window.dataViewModel().useSubsetProperty().set(false);
            window.dataViewModel().load();
        });
        waitUntil(60, () -> model.dataset() != null && model.dataset().sampleSize() == 2 && model.dataset().size() == 900);
        fx(() -> {
            window.modelViewModel().applyPreset("mlp-2x128");
            window.trainViewModel().batchSizeProperty().set(16);
            window.trainViewModel().epochsProperty().set(60);
            window.trainViewModel().learningRateProperty().set(0.003);
            window.trainViewModel().runNameProperty().set("spiral mlp-2x128");
            window.show(2);
            window.trainViewModel().start();
        });
        waitUntil(600, () -> window.trainViewModel().epochsShownProperty().get() >= 20);
        fx(() -> window.trainViewModel().pause());
        waitUntil(60, () -> window.trainViewModel().pausedProperty().get());
        settle();
        fx(() -> window.setPresentation(true));
        settle();
        settle();
        shot(out.resolve("screenshot-presentation.png"));
        fx(() -> {
            window.setPresentation(false);
            window.toggleTheme();
        });
        settle();
        shot(out.resolve("screenshot-dark.png"));
        fx(() -> window.show(0));
        settle();
        fx(() -> ((javafx.scene.control.ComboBox<?>) scene.lookup("#toy-name")).show());
        settle();
        shotWithPopups(out.resolve("screenshot-dark-data.png"));
        fx(() -> {
            ((javafx.scene.control.ComboBox<?>) scene.lookup("#toy-name")).hide();
            window.trainViewModel().stop();
        });
        waitUntil(120, () -> !window.trainViewModel().runningProperty().get());
    }

    /** The main window with any open popup (a drop-down list) drawn over it where it is on screen. */
    private static void shotWithPopups(Path file) throws Exception {
        if (!only.isEmpty() && !only.contains(file.getFileName().toString())) {
            return;
        }
        fx(() -> {
            WritableImage img = scene.snapshot(null);
            java.awt.image.BufferedImage base = SwingFXUtils.fromFXImage(img, null);
            java.awt.Graphics2D g = base.createGraphics();
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w instanceof javafx.stage.PopupWindow p && p.isShowing() && p.getScene() != null) {
                    WritableImage pi = p.getScene().snapshot(null);
                    g.drawImage(SwingFXUtils.fromFXImage(pi, null), (int) (p.getX() - scene.getWindow().getX() - scene.getX()),
                            (int) (p.getY() - scene.getWindow().getY() - scene.getY()), null);
                }
            }
            g.dispose();
            try {
                ImageIO.write(base, "png", file.toFile());
                System.out.println("wrote " + file);
                written++;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (!only.isEmpty() && written == only.size()) {
            Platform.exit();
            System.exit(0);
        }
    }

    /**
     * Runs a real local sweep (learning rate 1e-3, 1e-2, 1e-1 times first-layer units 16 and 64,
     * two seeds each, 12 epochs of the spiral MLP; task processes as {@code trainbench sweep} runs
     * them), compares its runs and writes the Compare screen with its sweep charts; with
     * {@code -Dtrainbench.shots.sizes=DIR} also at 1280x800 and 1920x1080 into DIR.
     */
    private static void sweepCompareScreenshot(Path out, Path workspace) throws Exception {
        WorkbenchModel model = window.workbench();
        dev.trainbench.spec.ExperimentSpec base = dev.trainbench.spec.SpecJson.read(Path.of("examples/spiral-mlp.json"));
        base = base.withTraining(base.training().withEpochs(12).withEarlyStopping(null)).withName("spiral-mlp");
        dev.trainbench.sweep.SweepSetup setup = dev.trainbench.sweep.SweepSetup.of(base,
                java.util.List.of(dev.trainbench.sweep.SweepAxis.parse("training.optimizer.learningRate=1e-3,1e-2,1e-1"),
                        dev.trainbench.sweep.SweepAxis.parse("model.layers[0].units=16,64")),
                2, "lr-units", dev.trainbench.sweep.SweepSetup.Choices.local(2), workspace, Path.of("examples").toAbsolutePath(), null);
        java.util.List<dev.trainbench.sweep.SweepFolder> earlier = new dev.trainbench.sweep.Sweeps(workspace).list();
        dev.trainbench.sweep.SweepFolder folder = earlier.isEmpty() ? setup.write() : earlier.get(0);
        Integer[] codes = !earlier.isEmpty() ? new Integer[0] : new dev.trainbench.sweep.LocalExecutor(folder, new dev.trainbench.sweep.LocalExecutor.Listener() {
            @Override
            public void started(int task, long pid) {
                System.out.println("task " + task + " started");
            }

            @Override
            public void ended(int task, int exitCode) {
                System.out.println("task " + task + " ended: " + exitCode);
            }
        }).run();
        System.out.println("sweep exit codes " + java.util.Arrays.toString(codes));
        fx(() -> window.runsViewModel().reload());
        waitUntil(60, () -> model.runs().stream().filter(r -> folder.id().equals(r.sweepId())).count() == 12);
        fx(() -> window.runsViewModel().compare(model.runs().stream().filter(r -> folder.id().equals(r.sweepId())).toList()));
        waitUntil(120, () -> window.compareViewModel().comparisonProperty().get() != null
                && !window.compareViewModel().loadingProperty().get());
        settle();
        String sizes = System.getProperty("trainbench.shots.sizes");
        if (sizes != null) {
            Path dir = Path.of(sizes);
            Files.createDirectories(dir);
            for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
                fx(() -> {
                    scene.getWindow().setWidth(size[0]);
                    scene.getWindow().setHeight(size[1]);
                });
                settle();
                shot(dir.resolve("sweep-compare-" + size[0] + "x" + size[1] + ".png"), true);
                fx(() -> window.show(3));
                settle();
                shot(dir.resolve("sweep-runs-" + size[0] + "x" + size[1] + ".png"), true);
                fx(() -> window.show(4));
            }
            fx(() -> {
                scene.getWindow().setWidth(1440);
                scene.getWindow().setHeight(900);
            });
            settle();
        }
        shot(out.resolve("screenshot-sweep-gui.png"));
    }

    private static void shot(Path file, boolean always) throws Exception {
        if (always) {
            java.util.Set<String> saved = only;
            int count = written;
            only = java.util.Set.of();
            try {
                shotOf(scene, file);
            } finally {
                only = saved;
                written = count;
            }
        } else {
            shot(file);
        }
    }

    private static void settle() throws Exception {
        Thread.sleep(600);
        fx(() -> { });
    }

    private static void shot(Path file) throws Exception {
        shotOf(scene, file);
    }

    private static void shotOf(Scene scene, Path file) throws Exception {
        if (!only.isEmpty() && !only.contains(file.getFileName().toString())) {
            return;
        }
        fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            WritableImage img = scene.snapshot(null);
            try {
                File f = file.toFile();
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", f);
                System.out.println("wrote " + f);
                written++;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (!only.isEmpty() && written == only.size()) {
            Platform.exit();
            System.exit(0);
        }
    }

    private static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            CompletableFuture<Boolean> ok = new CompletableFuture<>();
            Platform.runLater(() -> ok.complete(condition.getAsBoolean()));
            if (ok.get(30, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out");
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(180, TimeUnit.SECONDS); // generous: the first window takes long on a busy 2-core machine
    }
}
