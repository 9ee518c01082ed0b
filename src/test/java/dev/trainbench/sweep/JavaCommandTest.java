package dev.trainbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {

    @TempDir
    Path dir;

    @Test
    void fromTheJarTheCommandRunsTheJarWithItsLibBeside() throws Exception {
        Path jar = Files.createFile(dir.resolve("trainbench.jar"));
        Files.createDirectory(dir.resolve("lib"));
        JavaCommand c = JavaCommand.of("/opt/java/bin/java", jar, jar.toString(), null, List.of("-Dx=1"));
        assertEquals(List.of("/opt/java/bin/java", "-Dx=1", "-jar", jar.toAbsolutePath().toString()), c.argv());
        assertTrue(c.runsJar());
        assertEquals(List.of("/opt/java/bin/java", "-Dx=1", "-jar", jar.toAbsolutePath().toString(), "run", "s.json"),
                c.with(List.of("run", "s.json")));
    }

    @Test
    void aJarWithoutItsLibIsRefusedWithTheFix() throws Exception {
        Path jar = Files.createFile(dir.resolve("trainbench.jar"));
        SweepException e = assertThrows(SweepException.class, () -> JavaCommand.of("java", jar, null, null, List.of()));
        assertTrue(e.getMessage().contains("has no lib/ folder beside it"), e.getMessage());
    }

    @Test
    void fromClassesTheCommandRunsTheLauncherOnTheSameClassPathWithAbsolutePaths() throws Exception {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        String cp = "target/classes" + File.pathSeparator + "/repo/a.jar";
        JavaCommand c = JavaCommand.of("java", classes, cp, "/mods/javafx.jar", JavaCommand.DEFAULT_OPTIONS);
        List<String> argv = c.argv();
        assertEquals("java", argv.get(0));
        assertEquals(JavaCommand.DEFAULT_OPTIONS, argv.subList(1, 1 + JavaCommand.DEFAULT_OPTIONS.size()));
        assertEquals("-cp", argv.get(argv.size() - 3));
        assertEquals(JavaCommand.MAIN_CLASS, argv.get(argv.size() - 1));
        List<String> entries = List.of(argv.get(argv.size() - 2).split(File.pathSeparator));
        assertEquals(Path.of("target/classes").toAbsolutePath().toString(), entries.get(0), "relative entries made absolute");
        assertTrue(entries.contains("/repo/a.jar"));
        assertTrue(entries.contains("/mods/javafx.jar"), "a module path (mvn javafx:run) is included");
        assertTrue(entries.contains(classes.toString()), "the classes' own location is always included");
        assertFalse(c.runsJar());
    }

    @Test
    void theCurrentCommandInTheTestsRunsTheLauncherFromTheTestClassPath() {
        JavaCommand c = JavaCommand.current(null, null);
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), c.argv().get(0));
        assertTrue(c.argv().contains(JavaCommand.MAIN_CLASS), c.argv().toString());
        String cp = c.argv().get(c.argv().indexOf("-cp") + 1);
        assertTrue(cp.contains("target" + File.separator + "classes"), cp);
        assertTrue(JavaCommand.current("/usr/local/bin/java17", List.of("-Xmx1g")).argv().subList(0, 2)
                .equals(List.of("/usr/local/bin/java17", "-Xmx1g")));
    }
}
