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
