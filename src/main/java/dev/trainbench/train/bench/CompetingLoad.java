package dev.trainbench.train.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fixed competing load for the overhead benchmark: busy processes (a shell spinning in a loop), each
 * pinned to one core with {@code taskset} where it exists, started before the measurement and stopped
 * after it, so that both loops meet the same competition, as on a laptop that is never idle.
 */
public final class CompetingLoad implements AutoCloseable {
    private final List<Process> busy = new ArrayList<>();
    private final boolean pinned;

    private CompetingLoad(boolean pinned) {
        this.pinned = pinned;
    }

    /** {@code processes} busy processes; process i pinned to core i modulo the core count. */
    public static CompetingLoad start(int processes) throws IOException {
        boolean taskset = Files.isExecutable(Path.of("/usr/bin/taskset"));
        CompetingLoad load = new CompetingLoad(taskset);
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            for (int i = 0; i < processes; i++) {
                List<String> cmd = new ArrayList<>();
                if (taskset) {
                    cmd.addAll(List.of("/usr/bin/taskset", "-c", Integer.toString(i % cores)));
                }
                cmd.addAll(List.of("/bin/sh", "-c", "while :; do :; done"));
                load.busy.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
        } catch (IOException | RuntimeException e) {
            load.close();
            throw e;
        }
        return load;
    }

    public boolean pinned() {
        return pinned;
    }

    /**
     * CPU seconds the busy processes have used so far (user + system, from {@code /proc/PID/stat}, in
     * clock ticks of 10 ms): read before and after a loop, it says how much of a core the competition
     * really took while that loop ran. NaN off Linux.
     */
    public double cpuSeconds() {
        double sum = 0;
        for (Process p : busy) {
            String[] f = stat(p.pid());
            if (f == null) {
                return Double.NaN;
            }
            sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }
        return sum;
    }

    /**
     * Where each busy process may run and last ran, from {@code /proc}: e.g. "pid 1234 allowed on
     * CPUs 0, last ran on CPU 0, state R" (R = running or runnable: it is spinning, not sleeping).
     */
    public List<String> placement() {
        List<String> out = new ArrayList<>();
        for (Process p : busy) {
            String[] f = stat(p.pid());
            String allowed = "?";
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (line.startsWith("Cpus_allowed_list:")) {
                        allowed = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException | RuntimeException e) {
                allowed = "unknown";
            }
            out.add("pid " + p.pid() + " allowed on CPUs " + allowed + (f == null ? ", not readable"
                    : ", last ran on CPU " + f[36] + ", state " + f[0] + (p.isAlive() ? "" : " (exited)")));
        }
        return out;
    }

    /** The fields of /proc/PID/stat after the command name (field 3, the state, is index 0), or null. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public int processes() {
        return busy.size();
    }

    @Override
    public void close() {
        for (Process p : busy) {
            p.destroy();
        }
        for (Process p : busy) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
