package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pauses, resumes and stops a GUI-less training (the trainer service, as the GUI drives it) 100
 * times (issue 10, "Done when"; DESIGN, Reliability): no deadlock, no leaked thread, and native
 * memory flat from the 20th cycle to the 100th.
 */
class PauseResumeStopSoakTest {

    @TempDir
    Path workspace;

    static final int CYCLES = 100;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " (a deadlock?)");
            }
            Thread.sleep(2);
        }
    }

    /** Resident memory outside the Java heap, in bytes: what leaked NDArrays and native buffers would grow. */
    private static long nativeResidentBytes() throws IOException {
        System.gc();
        long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
        return rssKb * 1024 - ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    private static Set<String> javaThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName().replaceAll("\\d+", "#")).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static int threadCount() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
    }

    @Test
    void pauseResumeAndStopAHundredTimesLeakNothing() throws Exception {
        Set<String> before = javaThreads();
        long nativeAt20 = 0;
        int threadsAt20 = 0;
        try (TrainerService service = new TrainerService(new RunStore(workspace))) {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                RunHandle h = service.submit(TrainerServiceTest.spiral(10_000).withSeed(cycle), workspace);
                await(() -> h.history() != null && h.history().size() >= 2, "cycle " + cycle + " to train");
                h.pause();
                await(() -> h.status() == RunStatus.PAUSED, "cycle " + cycle + " to pause");
                int pausedAt = h.history().size();
                Thread.sleep(3);
                assertEquals(pausedAt, h.history().size(), "a paused run takes no step");
                h.resume();
                await(() -> h.history().size() > pausedAt, "cycle " + cycle + " to resume");
                h.stop();
                RunRecord r = h.completion().get(60, TimeUnit.SECONDS);
                assertEquals(RunStatus.STOPPED, r.status());
                if (cycle == 20) {
                    nativeAt20 = nativeResidentBytes();
                    threadsAt20 = threadCount();
                }
            }
            long nativeAt100 = nativeResidentBytes();
            int threadsAt100 = threadCount();
            System.out.printf("PauseResumeStopSoakTest: native resident memory %.1f MB after cycle 20, %.1f MB after cycle %d;"
                    + " %d threads, then %d%n", nativeAt20 / 1e6, nativeAt100 / 1e6, CYCLES, threadsAt20, threadsAt100);
            assertTrue(nativeAt100 - nativeAt20 < 40_000_000L, String.format("native memory grew %.1f MB over %d cycles",
                    (nativeAt100 - nativeAt20) / 1e6, CYCLES - 20));
            // every cycle's run, trainer and data loading would leave a thread each if they leaked; a JVM
            // pool may start one of its own meanwhile
            assertTrue(threadsAt100 <= threadsAt20 + 2, "threads: " + threadsAt20 + " after cycle 20, " + threadsAt100
                    + " after cycle " + CYCLES + ": " + javaThreads());
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("trainbench")).count(), javaThreads().toString());
            assertEquals(List.of(), service.active());
            List<RunRecord> runs = service.store().list();
            assertEquals(CYCLES, runs.size());
            assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.STOPPED));
        }
        // closing the service ends its thread: nothing it started outlives it
        await(() -> javaThreads().stream().noneMatch(n -> n.startsWith("trainbench-trainer")), "the trainer thread to end");
        Set<String> after = javaThreads();
        after.removeAll(before);
        after.removeIf(n -> n.startsWith("process reaper") || n.startsWith("Common-Cleaner") || n.startsWith("Attach Listener")
                || n.startsWith("ForkJoinPool"));
        assertFalse(after.stream().anyMatch(n -> n.startsWith("trainbench")), "threads left: " + after);
    }
}
