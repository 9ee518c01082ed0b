package dev.trainbench.sweep;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Java command that runs {@code trainbench} from the installation this code was loaded from,
 * so that a sweep's tasks (on this machine or on a cluster's nodes) run the same build:
 * <ul>
 *   <li>from the jar ({@code java -jar trainbench.jar}, libraries in {@code lib/} beside it):
 *       {@code java <options> -jar /path/trainbench.jar};</li>
 *   <li>from classes on a class path (a development checkout, {@code mvn javafx:run}, the tests,
 *       where the jar does not exist yet): {@code java <options> -cp <the class path> dev.trainbench.Launcher}.</li>
 * </ul>
 * The Java binary is this JVM's own unless another is given (a cluster whose nodes keep Java
 * elsewhere). Paths are absolute: the command runs from any folder.
 *
 * @param argv the command, to which {@code trainbench}'s arguments are appended
 * @param from what it runs: the jar, or "classes" with the first class path entry
 */
public record JavaCommand(List<String> argv, String from) {

    /** The entry point, named as text: the core does not depend on the launcher (nor on the CLI and GUI behind it). */
    public static final String MAIN_CLASS = "dev.trainbench.Launcher";
    /**
     * Offline engine, no graph optimiser. No heap flags, as in the launchers: the training step
     * allocates little, so the default heap stays small (BENCHMARKS.md, memory), and a pre-touched
     * 320 MB heap per task cost K x 320 MB with {@code --parallel K}.
     */
    public static final List<String> DEFAULT_OPTIONS = List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false");

    public JavaCommand {
        argv = List.copyOf(argv);
    }

    /**
     * The command of the running installation.
     *
     * @param java    the Java binary to use, or null for this JVM's
     * @param options JVM options, or null for {@link #DEFAULT_OPTIONS}
     * @throws SweepException when the installation cannot be run from elsewhere (a jar without its lib/)
     */
    public static JavaCommand current(String java, List<String> options) {
        CodeSource source = JavaCommand.class.getProtectionDomain().getCodeSource();
        Path location;
        try {
            location = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            location = null;
        }
        String javaBin = java != null && !java.isBlank() ? java
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return of(javaBin, location, System.getProperty("java.class.path"), System.getProperty("jdk.module.path"),
                options == null ? DEFAULT_OPTIONS : options);
    }

    /**
     * The command for code loaded from {@code location} (a jar file, or a folder of classes found
     * through {@code classPath} and {@code modulePath}).
     */
    static JavaCommand of(String java, Path location, String classPath, String modulePath, List<String> options) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(options);
        if (location != null && Files.isRegularFile(location) && location.getFileName().toString().endsWith(".jar")) {
            Path jar = location.toAbsolutePath().normalize();
            Path lib = jar.resolveSibling("lib");
            if (!Files.isDirectory(lib)) {
                throw new SweepException("the TrainBench jar " + jar + " has no lib/ folder beside it (its libraries);"
                        + " run the jar from the folder 'mvn package' made it in (target/), or copy lib/ along with it");
            }
            argv.add("-jar");
            argv.add(jar.toString());
            return new JavaCommand(argv, jar.toString());
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String path : new String[] {classPath, modulePath}) {
            if (path != null && !path.isBlank()) {
                Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank())
                        .map(s -> Path.of(s).toAbsolutePath().normalize().toString()).forEach(entries::add);
            }
        }
        if (location != null) {
            entries.add(location.toAbsolutePath().normalize().toString());
        }
        if (entries.isEmpty()) {
            throw new SweepException("cannot tell where TrainBench's classes are (no class path); run it with"
                    + " java -jar trainbench.jar");
        }
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator, entries));
        argv.add(MAIN_CLASS);
        return new JavaCommand(argv, "classes in " + entries.iterator().next());
    }

    /** The command with {@code trainbench}'s arguments appended. */
    public List<String> with(List<String> args) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(args);
        return all;
    }

    /** True when the command runs the jar (the form a cluster's nodes need: one file and its lib/). */
    public boolean runsJar() {
        return argv.contains("-jar");
    }
}
