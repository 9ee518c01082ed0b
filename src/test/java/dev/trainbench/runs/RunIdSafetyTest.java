package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Run ids come from users and files: none may turn into a path outside the workspace. */
class RunIdSafetyTest {

    @TempDir
    Path root;
    Path workspace;
    Path outsideRun;
    String outsideJson;

    /** A run-shaped folder next to the workspace that no id may reach. */
    @BeforeEach
    void outsideFolder() throws IOException {
        workspace = root.resolve("ws");
        Files.createDirectories(workspace.resolve("runs"));
        outsideRun = root.resolve("victim");
        Files.createDirectories(outsideRun);
        SpecJson.mapper().writeValue(outsideRun.resolve(RunStore.RECORD_FILE).toFile(),
                RunStoreTest.record("victim", RunStatus.RUNNING, "2024-01-01T00:00:00Z"));
        outsideJson = Files.readString(outsideRun.resolve(RunStore.RECORD_FILE));
    }

    static Stream<Arguments> badIdsAndOperations() {
        List<String> ids = List.of("../x", "../../victim", "a/b", "", "..", "a..b", "/etc", "..\\victim", " x", ".hidden");
        List<Operation> ops = List.of(
                new Operation("dir", (s, id) -> s.dir(id)),
                new Operation("load", RunStore::load),
                new Operation("delete", RunStore::delete),
                new Operation("rename", (s, id) -> s.rename(id, "x")),
                new Operation("setNotes", (s, id) -> s.setNotes(id, "x")),
                new Operation("setTags", (s, id) -> s.setTags(id, List.of("x"))),
                new Operation("readSteps", RunStore::readSteps));
        return ids.stream().flatMap(id -> ops.stream().map(op -> Arguments.of(id, op)));
    }

    record Operation(String name, java.util.function.BiConsumer<RunStore, String> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{1}(\"{0}\")")
    @MethodSource("badIdsAndOperations")
    void badIdIsRejectedAsNotARunId(String id, Operation op) {
        RunStoreException e = assertThrows(RunStoreException.class, () -> op.call().accept(new RunStore(workspace), id));
        assertTrue(e.getMessage().contains("is not a run id"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../victim", "../../victim", "..", "../ws/../victim"})
    void noOperationTouchesARunFolderOutsideTheWorkspace(String id) throws IOException {
        RunStore store = new RunStore(workspace);
        List<Consumer<String>> ops = List.of(store::delete, i -> store.rename(i, "pwned"), i -> store.setNotes(i, "pwned"),
                i -> store.setTags(i, List.of("pwned")), store::load, store::find);
        for (Consumer<String> op : ops) {
            assertThrows(RunStoreException.class, () -> op.accept(id));
        }
        assertEquals(outsideJson, Files.readString(outsideRun.resolve(RunStore.RECORD_FILE)));
        assertEquals(List.of(RunStore.RECORD_FILE), Files.list(outsideRun).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void nullIdIsRejected() {
        assertThrows(RunStoreException.class, () -> new RunStore(workspace).dir(null));
    }

    @Test
    void ordinaryIdResolvesInsideTheRunsFolder() {
        Path dir = new RunStore(workspace).dir("20240101-000000-iris-1a2b");
        assertEquals(workspace.toAbsolutePath().normalize().resolve("runs").resolve("20240101-000000-iris-1a2b"), dir);
    }
}
