package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.SyntheticRuns;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.ui.runs.RunsViewModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Runs view with 10,000 runs (issue 13: open and filter in under a second): the rows come from
 * the run index, the table makes cells only for the rows on screen, and a filter keystroke reads
 * nothing from the workspace. Prints the times it measured; the bars here are loose (a busy
 * machine), BENCHMARKS.md has the numbers. With {@code -Dtrainbench.bench.workspace=DIR} it opens
 * that workspace instead (one written by {@code trainbench bench list --dir DIR}).
 */
@ExtendWith(ApplicationExtension.class)
class RunsViewScaleGuiTest {
    private static final int RUNS = 10_000;

    @TempDir
    static Path temp;

    private WorkbenchFixture app;
    private Path workspace;

    @Start
    void start(Stage stage) throws Exception {
        String given = System.getProperty("trainbench.bench.workspace");
        workspace = given != null ? Path.of(given) : temp.resolve("ws");
        if (given == null) {
            SyntheticRuns.write(workspace, SpecJson.read(Path.of("examples/mnist-mlp.json")), RUNS);
        }
        app = new WorkbenchFixture(stage, workspace, false);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    /** CPU time of the workbench's background task threads (where the runs are read). */
    private static long taskThreadsCpu(ThreadMXBean mx) {
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("trainbench-ui-task-")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static String fmt(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (double v : values) {
            sb.append(sb.length() == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return sb.append(']').toString();
    }

    @Test
    void tenThousandRunsOpenFromTheIndexAndAFilterKeystrokeReadsNothing(FxRobot robot) throws Exception {
        RunsViewModel vm = app.window.runsViewModel();
        TableView<?> table = app.window.runsView().table();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // reading: what the workbench starts after its first frame (MainWindow.startUp), in the background
        long fxCpu0 = FxThread.call(mx::getCurrentThreadCpuTime);
        long taskCpu0 = taskThreadsCpu(mx);
        long t0 = System.nanoTime();
        FxThread.run(vm::loadIfNeeded);
        waitUntil("the rows", () -> FxThread.call(() -> !vm.loadingProperty().get() && table.getItems().size() >= RUNS));
        double read = (System.nanoTime() - t0) / 1e9;
        double readFxCpu = (FxThread.call(mx::getCurrentThreadCpuTime) - fxCpu0) / 1e9;
        double readTaskCpu = (taskThreadsCpu(mx) - taskCpu0) / 1e9;

        // opening the Runs screen: its first CSS, layout and cells, with the rows read
        // (wall clock and CPU inside one FX event: the screen switched, its CSS applied and laid out)
        double[] opened = FxThread.call(() -> {
            long c1 = mx.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            app.window.show(3);
            table.applyCss();
            table.layout();
            return new double[] {(System.nanoTime() - t1) / 1e9, (mx.getCurrentThreadCpuTime() - c1) / 1e9};
        });
        double open = opened[0];
        double openFxCpu = opened[1];
        long cells = FxThread.call(() -> table.lookupAll(".table-cell").size());
        int columns = FxThread.call(() -> table.getVisibleLeafColumns().size());
        int n = FxThread.call(() -> table.getItems().size());
        assertTrue(n >= RUNS, n + " rows");
        long rows = FxThread.call(() -> table.lookupAll(".table-row-cell").stream().filter(r -> r instanceof TableRow<?>).count());
        assertTrue(rows < 200, "the table is virtualized: cells for the rows on screen only, not " + rows);

        // with the runs folder gone, a keystroke still filters the rows in memory: it reads nothing
        Path runs = workspace.resolve("runs");
        Path away = workspace.resolve("runs-away");
        boolean moved = System.getProperty("trainbench.bench.workspace") == null;
        if (moved) {
            Files.move(runs, away);
        }
        double[] keystrokes = new double[3];
        double[] keystrokeCpu = new double[3];
        String[] texts = {"b", "ba", "baseline"};
        try {
            for (int k = 0; k < texts.length; k++) {
                String text = texts[k];
                double[] measured = FxThread.call(() -> {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long k0 = System.nanoTime();
                    vm.filterProperty().set(text);
                    table.applyCss();
                    table.layout();
                    return new double[] {(System.nanoTime() - k0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9};
                });
                keystrokes[k] = measured[0];
                keystrokeCpu[k] = measured[1];
            }
            WaitForAsyncUtils.waitForFxEvents();
            int matches = FxThread.call(() -> table.getItems().size());
            if (moved) {
                assertEquals((RUNS + 6) / 7, matches, "the runs named baseline");
                assertTrue(FxThread.call(() -> table.getItems().stream().allMatch(r -> ((dev.trainbench.runs.RunSummary) r).name()
                        .contains("baseline"))));
            } else {
                assertTrue(matches > 0, "the benchmark's workspace tags every tenth run baseline");
            }
            assertEquals(List.of(), app.errors, "nothing was read (a read would have found no runs folder)");
        } finally {
            if (moved) {
                Files.move(away, runs);
            }
            FxThread.run(() -> vm.filterProperty().set(""));
        }
        System.out.printf(Locale.ROOT, "Runs view, %d runs: read (in the background, as at start-up) in %.3f s wall, %.3f s cpu"
                + " reading + %.3f s on the FX thread; screen opened with them in %.3f s wall, %.3f s cpu (FX thread);"
                + " filter keystrokes %s s wall, %s s cpu (FX thread); %d row cells, %d cells for %d columns; load average %s%n",
                n, read, readTaskCpu, readFxCpu, open, openFxCpu, fmt(keystrokes), fmt(keystrokeCpu), rows, cells, columns,
                Files.readString(Path.of("/proc/loadavg")).strip());
        // loose bars for a busy machine (CPU time, which the load changes less than the wall clock);
        // a re-read of 10,000 run.json files takes many seconds of it
        assertTrue(readTaskCpu + readFxCpu < 4, "reading took " + (readTaskCpu + readFxCpu) + " s of CPU");
        assertTrue(openFxCpu < 4, "opening took " + openFxCpu + " s of CPU");
        for (double k : keystrokeCpu) {
            assertTrue(k < 1, "a keystroke took " + k + " s of CPU");
        }
    }
}
