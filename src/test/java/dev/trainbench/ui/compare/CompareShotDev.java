package dev.trainbench.ui.compare;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.ui.MainWindow;
import dev.trainbench.ui.WorkbenchModel;
import dev.trainbench.ui.task.FxTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/** Development aid: the Compare view over made-up runs, as PNGs at two window sizes. */
public final class CompareShotDev {
    public static void main(String[] args) throws Exception {
        Path ws = Files.createTempDirectory("cmp");
        RunStore store = new RunStore(ws);
        FakeRuns fake = new FakeRuns(store);
        ExperimentSpec base = SpecJson.read(Path.of("examples/spiral-mlp.json")).withName("spiral mlp");
        List<dev.trainbench.spec.LayerSpec> layers = new ArrayList<>(base.model().layers());
        layers.add(dev.trainbench.spec.LayerSpec.dropout(0.3));
        ExperimentSpec drop = base.withModel(base.model().withLayers(layers)).withName("spiral mlp dropout 0.3");
        List<RunRecord> a = fake.group(base, null, 3, 12, 0.86);
        List<RunRecord> b = fake.group(drop, a.get(0).id(), 3, 12, 0.93);
        List<RunRecord> all = new ArrayList<>(a);
        all.addAll(b);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        FxTaskRunner tasks = new FxTaskRunner();
        String[] sizes = args.length > 1 ? args[1].split(",") : new String[] {"1280x800", "1920x1080"};
        for (String size : sizes) {
            int w = Integer.parseInt(size.split("x")[0]);
            int h = Integer.parseInt(size.split("x")[1]);
            MainWindow[] win = new MainWindow[1];
            Scene[] scene = new Scene[1];
            CompletableFuture<Void> f = new CompletableFuture<>();
            Platform.runLater(() -> {
                WorkbenchModel model = new WorkbenchModel(store, null, Path.of("").toAbsolutePath(), tasks, (x, e) -> e.printStackTrace());
                win[0] = new MainWindow(model);
                Stage stage = new Stage();
                scene[0] = win[0].createScene(w, h);
                stage.setScene(scene[0]);
                stage.show();
                if (args.length > 2 && args[2].equals("dark")) {
                    win[0].toggleTheme();
                }
                model.runs().setAll(store.list());
                win[0].runsViewModel().compare(all);
                f.complete(null);
            });
            f.get();
            Thread.sleep(2500);
            CompletableFuture<Void> g = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    var chart = win[0].compareView().chart(CompareViewModel.ChartKind.LOSS);
                    chart.showHover(chart.getWidth() * 0.5, 60);
                    scene[0].getRoot().applyCss();
                    scene[0].getRoot().layout();
                    ImageIO.write(SwingFXUtils.fromFXImage(scene[0].snapshot(null), null), "png",
                            Path.of(args[0] + "-" + size + ".png").toFile());
                    for (int v : new int[] {2, 3}) {
                        win[0].show(v);
                        scene[0].getRoot().applyCss();
                        scene[0].getRoot().layout();
                        ImageIO.write(SwingFXUtils.fromFXImage(scene[0].snapshot(null), null), "png",
                                Path.of(args[0] + "-" + size + "-view" + v + ".png").toFile());
                    }
                    g.complete(null);
                } catch (Exception e) {
                    g.completeExceptionally(e);
                }
            });
            g.get();
        }
        Platform.exit();
        System.exit(0);
    }
}
