package dev.trainbench;

import dev.trainbench.cli.Cli;

/**
 * Entry point of {@code java -jar trainbench.jar}: with arguments, the command line; without, the
 * GUI. A plain class (not a JavaFX Application) so that it starts with JavaFX on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        dev.trainbench.ui.StartupTrace.mark("main");
        // Never let DJL try to download an engine: libtorch ships in the pytorch-native-cpu jar.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (args.length > 0) {
            System.exit(Cli.execute(args));
        }
        // Leave a core to the UI thread: libtorch's worker threads spin while they wait, and on a
        // small machine a fully subscribed CPU turns into long UI pauses.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, cores - 1)));
        }
        dev.trainbench.ui.TrainBenchApp.main(args);
    }
}
