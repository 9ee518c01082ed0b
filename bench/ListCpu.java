import dev.trainbench.runs.RunStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * Times listing a workspace in a new JVM: the first list (what `trainbench list` or opening the
 * Runs view pays) and two more in the same JVM (a refresh of the Runs view), each as wall-clock
 * seconds and the listing thread's CPU seconds (stable on a loaded machine, unlike the wall clock).
 * The list is RunStore.summaries() where the build has it (the index of summaries), else
 * RunStore.list() (builds before it), so that one script times both.
 * Run from the repository root with either build on the class path (bench/list-processes.sh):
 *   java -cp CLASSPATH bench/ListCpu.java WORKSPACE
 */
public class ListCpu {
    public static void main(String[] args) throws Exception {
        Method list;
        try {
            list = RunStore.class.getMethod("summaries");
        } catch (NoSuchMethodException before) {
            list = RunStore.class.getMethod("list");
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder line = new StringBuilder(list.getName() + "(): ");
        for (int i = 0; i < 3; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = ((List<?>) list.invoke(new RunStore(Path.of(args[0])))).size();
            line.append(String.format("%s %d runs %.2f s wall %.2f s cpu; ", i == 0 ? "first" : "again", n,
                    (System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9));
        }
        System.out.println(line);
    }
}
