package dev.trainbench.train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverheadMeasurementTest {

    private static Benchmarks.Loop loop(double wall, double threadCpu, long samples) {
        return new Benchmarks.Loop(wall, threadCpu, threadCpu, Double.NaN, 100, samples, 1, 0.5, Map.of("loop thread", threadCpu));
    }

    @Test
    void roundsAreComparedPairwiseWithTheirQuartiles() {
        // TrainBench at 90 %, 100 %, 80 %, 95 %, 70 % of the bare loop's speed in the same round
        List<Benchmarks.Loop> bare = List.of(loop(1, 1, 1000), loop(2, 1, 1000), loop(1, 1, 1000), loop(1, 1, 1000), loop(1, 1, 1000));
        List<Benchmarks.Loop> ours = List.of(loop(1 / 0.9, 1, 1000), loop(2, 2, 1000), loop(1 / 0.8, 1, 1000),
                loop(1 / 0.95, 1, 1000), loop(1 / 0.7, 1, 1000));
        Benchmarks.Overhead o = new Benchmarks.Overhead("s", 1, 5, bare, ours, 0.1, 0.2);
        List<Double> r = o.wallRatios();
        assertEquals(0.9, r.get(0), 1e-9);
        assertEquals(1.0, r.get(1), 1e-9);
        assertEquals(0.9, o.pairedWallRatio(), 1e-9);
        assertEquals(0.8, Benchmarks.Overhead.quantile(r, 0.25), 1e-9);
        assertEquals(0.95, Benchmarks.Overhead.quantile(r, 0.75), 1e-9);
        assertEquals(0.7, Benchmarks.Overhead.quantile(r, 0), 1e-9);
        assertEquals(1.0, Benchmarks.Overhead.quantile(r, 1), 1e-9);
        // the second round's TrainBench loop used twice the thread CPU for the same samples
        assertEquals(0.5, o.threadCpuRatios().get(1), 1e-9);
        assertEquals(List.of("loop thread 10.00 / 12.00"), o.cpuByThread());
    }

    @Test
    void quantilesInterpolateBetweenRounds() {
        assertEquals(2.5, Benchmarks.Overhead.median(List.of(4.0, 1.0, 3.0, 2.0)), 1e-12);
        assertEquals(1.75, Benchmarks.Overhead.quantile(List.of(4.0, 1.0, 3.0, 2.0), 0.25), 1e-12);
        assertTrue(Double.isNaN(Benchmarks.Overhead.median(List.of())));
    }

    @Test
    void theCompetingLoadIsPinnedAndReallyRuns() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")) && Files.isDirectory(Path.of("/proc/self/task")),
                "needs Linux with taskset");
        try (CompetingLoad load = CompetingLoad.start(1)) {
            assertTrue(load.pinned());
            double before = load.cpuSeconds();
            long deadline = System.nanoTime() + 20_000_000_000L;
            // a busy loop gets CPU even on a loaded machine; ticks are 10 ms
            while (load.cpuSeconds() - before < 0.05 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(load.cpuSeconds() - before >= 0.05, "the busy process did not run");
            List<String> placement = load.placement();
            assertEquals(1, placement.size());
            assertTrue(placement.get(0).contains("allowed on CPUs 0,") && placement.get(0).contains("last ran on CPU 0"),
                    placement.get(0));
        }
    }

    @Test
    void threadTicksNameTheCallingThread() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux");
        String self = Benchmarks.selfTid();
        assertTrue(Benchmarks.taskTicks().keySet().stream().anyMatch(k -> k.startsWith(self + " ")),
                Benchmarks.taskTicks().toString());
    }
}
