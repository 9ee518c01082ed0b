package dev.trainbench.ui.bench;

import dev.trainbench.runs.RunStore;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecJson;
import dev.trainbench.train.TrainerService;
import dev.trainbench.ui.MainWindow;
import dev.trainbench.ui.UserMessage;
import dev.trainbench.ui.WorkbenchModel;
import dev.trainbench.ui.task.FxTaskRunner;
import dev.trainbench.ui.train.FrameProfile;
import dev.trainbench.ui.train.TrainViewModel;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A long run in the real workbench, as a user watches it: the main window on a display (an Xvfb
 * that {@code trainbench bench long} starts when there is none), the spec opened, the Train screen
 * showing its live charts, Start pressed. When the charts reach 10k, 30k, 100k, 300k and 1M points
 * (steps) it reads the Train screen's own frame profile over the frames just before (the frame's
 * work: draining events, appending the new points, redrawing the charts; the same plus the pulse's
 * CSS and layout; and the interval between polled frames, which also holds the rendering) and the
 * process's resident memory from {@code /proc/self/status}, which a sampler also reads every second.
 * At the end the run is stopped, and a full collection shows what the heap still holds per step.
 *
 * <p>Run by {@code java -cp trainbench.jar dev.trainbench.ui.bench.LongRunBenchmark SPEC.json STEPS}
 * with DISPLAY set; prints one line per checkpoint and a table on standard output.
 */
public final class LongRunBenchmark {
    /** Frames summarized at each checkpoint: the last ~5 s at the charts' ~30 polls a second. */
    private static final int WINDOW = 150;
    /** The first frames of a run include class loading and the JIT: left out of every window. */
    private static final int WARM_UP_FRAMES = 30;
    private static final long[] CHECKPOINTS = {10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000};

    private final PrintStream out;
    private final long steps;
    private final List<String> rows = new ArrayList<>();
    /**
     * Every second: seconds, steps shown, RSS, anonymous RSS, heap used, heap committed, frames
     * polled, and the CPU nanoseconds of the UI thread, the render thread and the trainer thread.
     */
    private final List<long[]> samples = new ArrayList<>();
    private static final int S_SECONDS = 0;
    private static final int S_STEPS = 1;
    private static final int S_RSS = 2;
    private static final int S_HEAP = 4;
    private static final int S_COMMITTED = 5;
    private static final int S_FRAMES = 6;
    private static final int S_UI_CPU = 7;
    private static final int S_RENDER_CPU = 8;
    private static final int S_TRAINER_CPU = 9;
    private static final int S_NANOS = 10;
    private volatile FrameProfile profile;
    private final AtomicInteger stepsShown = new AtomicInteger();
    private final long start = System.nanoTime();
    private int next;
    private int lastSteps;
    private long lastNanos;
    private final CountDownLatch done = new CountDownLatch(1);
    private boolean stopping;
    /** Bytes each thread had allocated at the last checkpoint, by thread id. */
    private final java.util.Map<Long, Long> allocatedBefore = new java.util.HashMap<>();

    private LongRunBenchmark(PrintStream out, long steps) {
        this.out = out;
        this.steps = steps;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LongRunBenchmark SPEC.json STEPS");
            System.exit(2);
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // as the app starts (Launcher): libtorch leaves a core to the UI thread
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, cores - 1)));
        }
        ExperimentSpec spec = SpecJson.read(Path.of(args[0]));
        long steps = Long.parseLong(args[1]);
        Path workspace = Files.createTempDirectory("trainbench-long-run");
        int code = new LongRunBenchmark(System.out, steps).run(spec, workspace);
        System.exit(code);
    }

    private int run(ExperimentSpec spec, Path workspace) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(60, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        RunStore store = new RunStore(workspace);
        TrainerService trainer = new TrainerService(store);
        FxTaskRunner tasks = new FxTaskRunner();
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<MainWindow> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                WorkbenchModel model = new WorkbenchModel(store, trainer, Path.of("").toAbsolutePath(), tasks,
                        (action, error) -> errors.add(action + ": " + UserMessage.of(action, error).text()));
                MainWindow window = new MainWindow(model);
                Stage stage = new Stage();
                stage.setTitle("TrainBench");
                stage.setScene(window.createScene(1440, 900));
                stage.show();
                // the spec first, so that start-up loads its data rather than the default set
                model.setSpec(spec);
                window.dataViewModel().showSpecData();
                window.startUp();
                window.show(2);
                shown.complete(window);
            } catch (RuntimeException e) {
                shown.completeExceptionally(e);
            }
        });
        MainWindow window = shown.get(60, TimeUnit.SECONDS);
        waitFor("the data set to load", 300, () -> window.workbench().dataset() != null || !errors.isEmpty());
        check(errors);
        TrainViewModel vm = window.trainViewModel();
        FrameProfile profile = window.trainView().frameProfile();
        this.profile = profile;
        Thread sampler = new Thread(this::sample, "long-run-memory-sampler");
        sampler.setDaemon(true);
        CompletableFuture<Boolean> begun = new CompletableFuture<>();
        Platform.runLater(() -> {
            vm.stepsShownProperty().addListener((o, was, now) -> onSteps(vm, profile, now.intValue()));
            vm.runningProperty().addListener((o, was, now) -> {
                if (!now) {
                    done.countDown();
                }
            });
            begun.complete(vm.start());
        });
        if (!begun.get(30, TimeUnit.SECONDS)) {
            check(errors);
            throw new IllegalStateException("the run did not start");
        }
        out.printf(Locale.ROOT, "long run %s: %,d steps in the workbench (libtorch threads %s), live Train charts at 1440x900;"
                        + " frame times over the last %d polled frames before each checkpoint%n", spec.name(), steps,
                System.getProperty("ai.djl.pytorch.num_threads"), WINDOW);
        out.flush();
        sampler.start();
        done.await();
        check(errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        int shownSteps = stepsShown.get();
        // what the heap holds once the garbage is gone: the charts' series, the metrics history
        System.gc();
        System.gc();
        long live = heapUsed();
        long rss = status("VmRSS:");
        out.printf(Locale.ROOT, "after the run (%,d steps shown, %.0f s): live heap after a full collection %.1f MB (%.0f bytes per step),"
                        + " RSS %.1f MB, peak RSS %.1f MB%n", shownSteps, seconds, live / 1e6, (double) live / Math.max(1, shownSteps),
                rss / 1e6, status("VmHWM:") / 1e6);
        out.println();
        out.println("| points (steps) | steps/s (trainer CPU per step) | frame work median / p95 | of which redraw"
                + " | work + CSS/layout median / p95 | CPU per frame: UI / render thread | interval between frames median / p95"
                + " | RSS | anonymous | heap used / committed |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
        out.println();
        out.println(memoryLine());
        out.flush();
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            window.shutdown();
            closed.countDown();
        });
        closed.await(30, TimeUnit.SECONDS);
        trainer.close();
        tasks.close();
        Platform.exit();
        deleteTree(workspace);
        return shownSteps >= steps ? 0 : 1;
    }

    /** On the FX thread, each time the charts took new points. */
    private void onSteps(TrainViewModel vm, FrameProfile profile, int shown) {
        stepsShown.set(shown);
        while (next < CHECKPOINTS.length && CHECKPOINTS[next] <= steps && shown >= CHECKPOINTS[next]) {
            checkpoint(profile, CHECKPOINTS[next], shown);
            next++;
        }
        if (shown >= steps && !stopping) {
            stopping = true;
            if (next == 0 || CHECKPOINTS[next - 1] != steps) {
                checkpoint(profile, steps, shown);
            }
            vm.stop();
        }
    }

    private void checkpoint(FrameProfile profile, long points, int shown) {
        FrameProfile.Window w = profile.recent(WINDOW, WARM_UP_FRAMES);
        long now = System.nanoTime();
        double rate = lastNanos == 0 ? shown / ((now - start) / 1e9) : (shown - lastSteps) / ((now - lastNanos) / 1e9);
        lastNanos = now;
        lastSteps = shown;
        long rss = status("VmRSS:");
        long anon = status("RssAnon:");
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double[] cpu = cpuPerFrame(WINDOW / 30.0);
        String row = w == null ? String.format(Locale.ROOT, "| %,d | %.0f | no frames yet | | | | | %.1f MB | %.1f MB | %.0f / %.0f MB |",
                points, rate, rss / 1e6, anon / 1e6, heap.getUsed() / 1e6, heap.getCommitted() / 1e6)
                : String.format(Locale.ROOT, "| %,d | %.0f (%.0f µs CPU) | %.2f / %.2f ms | %.2f / %.2f ms | %.2f / %.2f ms"
                        + " | %.1f / %.1f ms | %.1f / %.1f ms | %.1f MB | %.1f MB | %.0f / %.0f MB |", points, rate, cpu[2],
                w.pollMedian(), w.pollP95(), w.redrawMedian(), w.redrawP95(), w.workMedian(), w.workP95(), cpu[0], cpu[1],
                w.intervalMedian(), w.intervalP95(), rss / 1e6, anon / 1e6, heap.getUsed() / 1e6, heap.getCommitted() / 1e6);
        rows.add(row);
        out.printf(Locale.ROOT, "at %,d points (%,d shown, %.0f s, %d frames summarized): %s%n  allocated since the last"
                        + " checkpoint, by thread: %s%n", points, shown, (now - start) / 1e9, w == null ? 0 : w.frames(), row,
                allocations((now - (lastAllocationNanos == 0 ? start : lastAllocationNanos)) / 1e9));
        lastAllocationNanos = now;
        out.flush();
    }

    private long lastAllocationNanos;

    private long[] sampleNow() {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        FrameProfile p = profile;
        long now = System.nanoTime();
        return new long[] {(now - start) / 1_000_000_000L, stepsShown.get(), status("VmRSS:"), status("RssAnon:"),
                heap.getUsed(), heap.getCommitted(), p == null ? 0 : p.frames(), cpuOf("JavaFX Application Thread"),
                cpuOf("QuantumRenderer-0"), cpuOf("trainbench-trainer"), now};
    }

    /** CPU nanoseconds of the live thread with this name, -1 when there is none. */
    private static long cpuOf(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
            }
        }
        return -1;
    }

    /**
     * CPU milliseconds per polled frame of the UI and render threads, and CPU microseconds per step of
     * the trainer, since the sample about {@code seconds} ago: what the threads needed, which the
     * machine's other load changes much less than the wall-clock times.
     */
    private double[] cpuPerFrame(double seconds) {
        long[] now = sampleNow();
        long[] then = null;
        synchronized (samples) {
            for (int i = samples.size() - 1; i >= 0; i--) {
                then = samples.get(i);
                if ((now[S_NANOS] - then[S_NANOS]) / 1e9 >= seconds) {
                    break;
                }
            }
        }
        if (then == null || now[S_FRAMES] <= then[S_FRAMES]) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double frames = now[S_FRAMES] - then[S_FRAMES];
        double stepsDone = Math.max(1, now[S_STEPS] - then[S_STEPS]);
        return new double[] {(now[S_UI_CPU] - then[S_UI_CPU]) / 1e6 / frames,
                (now[S_RENDER_CPU] - then[S_RENDER_CPU]) / 1e6 / frames,
                (now[S_TRAINER_CPU] - then[S_TRAINER_CPU]) / 1e3 / stepsDone};
    }

    /** The threads that allocated most since the last call, in MB/s, and the collections so far. */
    private String allocations(double seconds) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<String> top = new ArrayList<>();
        List<long[]> rates = new ArrayList<>();
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long bytes = threads.getThreadAllocatedBytes(t.getThreadId());
            long before = allocatedBefore.getOrDefault(t.getThreadId(), 0L);
            allocatedBefore.put(t.getThreadId(), bytes);
            rates.add(new long[] {t.getThreadId(), bytes - before});
            names.put(t.getThreadId(), t.getThreadName());
        }
        rates.sort(Comparator.comparingLong((long[] r) -> r[1]).reversed());
        for (long[] r : rates.subList(0, Math.min(4, rates.size()))) {
            top.add(String.format(Locale.ROOT, "%s %.1f MB/s", names.get(r[0]), r[1] / 1e6 / seconds));
        }
        long gcs = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
        }
        return String.join(", ", top) + "; " + gcs + " collections so far";
    }

    /** Every second: resident and heap memory against the steps shown so far. */
    private void sample() {
        while (done.getCount() > 0) {
            long[] row = sampleNow();
            synchronized (samples) {
                samples.add(row);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** RSS over the run: at the first sample past 10k steps, its lowest and highest after, and the last. */
    private String memoryLine() {
        List<long[]> s;
        synchronized (samples) {
            s = new ArrayList<>(samples);
        }
        List<long[]> after = s.stream().filter(r -> r[S_STEPS] >= Math.min(10_000, steps)).toList();
        if (after.isEmpty()) {
            return "RSS samples: none after the first 10,000 steps";
        }
        long[] first = after.get(0);
        long[] last = after.get(after.size() - 1);
        long[] min = after.stream().min(Comparator.comparingLong(r -> r[2])).orElseThrow();
        long[] max = after.stream().max(Comparator.comparingLong(r -> r[2])).orElseThrow();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "RSS sampled every second (%d samples from %,d steps on): %.1f MB at %,d steps, lowest %.1f MB (%,d steps),"
                        + " highest %.1f MB (%,d steps), last %.1f MB at %,d steps: growth %.1f MB over %,d steps (%.0f bytes per step)",
                after.size(), first[1], first[2] / 1e6, first[1], min[2] / 1e6, min[1], max[2] / 1e6, max[1], last[2] / 1e6,
                last[1], (last[2] - first[2]) / 1e6, last[1] - first[1],
                (double) (last[2] - first[2]) / Math.max(1, last[1] - first[1])));
        sb.append("\nRSS by steps (MB):");
        long nextMark = 0;
        for (long[] r : s) {
            if (r[1] >= nextMark) {
                sb.append(String.format(Locale.ROOT, " %,d: %.0f (heap %.0f/%.0f);", r[S_STEPS], r[S_RSS] / 1e6,
                        r[S_HEAP] / 1e6, r[S_COMMITTED] / 1e6));
                nextMark = r[S_STEPS] + Math.max(1, steps / 20);
            }
        }
        return sb.toString();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A size line of /proc/self/status in bytes, or -1 off Linux. */
    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static void check(List<String> errors) {
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the workbench reported: " + errors);
        }
    }

    private static void waitFor(String what, int seconds, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
