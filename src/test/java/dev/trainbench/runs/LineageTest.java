package dev.trainbench.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineageTest {

    static RunRecord run(String id, String parent, int second) {
        return new RunRecord.Builder().id(id).name(id).parentId(parent).createdAt("2025-01-01T00:00:" + (10 + second) + "Z").build();
    }

    //   root ── a ── a1
    //      └─── b
    //   other          (parent deleted)
    static final List<RunRecord> RUNS = List.of(
            run("b", "root", 3), run("a1", "a", 4), run("root", null, 1), run("a", "root", 2), run("other", "gone", 5));

    @Test
    void parentsChildrenAndRoots() {
        Lineage l = Lineage.of(RUNS);
        assertEquals("a", l.parent("a1"));
        assertEquals(List.of("a", "b"), l.children("root"), "children oldest first");
        assertEquals("root", l.root("a1"));
        assertEquals(List.of("a", "root"), l.ancestors("a1"));
        assertEquals(2, l.depth("a1"));
    }

    @Test
    void familyIsTheRootAndAllItsDescendantsInTreeOrder() {
        Lineage l = Lineage.of(RUNS);
        assertEquals(List.of("root", "a", "a1", "b"), l.family("b"));
        assertEquals(List.of("a", "a1", "b"), l.descendants("root"));
        assertEquals(List.of("other"), l.family("other"));
    }

    @Test
    void aMissingParentMakesARootAndIsReported() {
        Lineage l = Lineage.of(RUNS);
        assertNull(l.parent("other"));
        assertTrue(l.parentMissing("other"));
        assertFalse(l.parentMissing("a"));
    }

    @Test
    void treeOrderKeepsFamiliesTogetherParentFirst() {
        Lineage l = Lineage.of(RUNS);
        assertEquals(List.of("other", "root", "a1", "b"), l.treeOrder(List.of("other", "b", "a1", "root")));
    }

    @Test
    void aCycleInHandEditedFilesEnds() {
        Lineage l = Lineage.of(List.of(run("x", "y", 1), run("y", "x", 2), run("z", "z", 3)));
        assertTrue(List.of("x", "y").contains(l.root("x")));
        assertTrue(l.family("x").size() <= 2);
        assertEquals("z", l.root("z"));
        assertEquals(List.of("z"), l.family("z"));
    }
}
