package dev.trainbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecException;
import dev.trainbench.spec.SpecJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

    static final ExperimentSpec MLP = SpecJson.read(Path.of("examples/mnist-mlp.json"));

    static List<SweepAxis> axes(String... sets) {
        return java.util.Arrays.stream(sets).map(SweepAxis::parse).toList();
    }

    @Test
    void aGridTimesSeedsMakesOneTaskPerRunFirstAxisSlowestSeedsInnermost() {
        SweepPlan plan = SweepPlan.of(MLP, axes("training.optimizer.learningRate=1e-3,1e-2",
                "model.layers[1].units=64,128,256"), 2, null);
        assertEquals(12, plan.tasks().size());
        assertEquals(6, plan.points());
        assertEquals("2 learningRate x 3 units x 2 seeds = 12 runs", plan.sizeText());
        SweepPlan.Task t0 = plan.tasks().get(0);
        SweepPlan.Task t3 = plan.tasks().get(3);
        SweepPlan.Task t11 = plan.tasks().get(11);
        assertEquals(Map.of("training.optimizer.learningRate", "0.001", "model.layers[1].units", "64"), t0.point());
        assertEquals(List.of("training.optimizer.learningRate", "model.layers[1].units"), List.copyOf(t0.point().keySet()),
                "points keep the axis order");
        assertEquals("learningRate=0.001, units=128", t3.label());
        assertEquals(0.01, t11.spec().training().optimizer().learningRate());
        assertEquals(256, t11.spec().model().layers().get(1).units());
        assertEquals(42, t0.seed());
        assertEquals(43, plan.tasks().get(1).seed());
        assertEquals(1, plan.tasks().get(1).groupIndex());
        for (int i = 0; i < 12; i++) {
            assertEquals(i, plan.tasks().get(i).index());
        }
    }

    @Test
    void eachGridPointIsASeedGroupWhoseRunsDifferOnlyInTheSeed() {
        SweepPlan plan = SweepPlan.of(MLP, axes("training.optimizer.learningRate=1e-3,1e-2,0.1"), 3, "lr");
        Set<String> groups = plan.tasks().stream().map(SweepPlan.Task::groupId).collect(Collectors.toSet());
        assertEquals(3, groups.size(), "one group per point, ids unique");
        List<SweepPlan.Task> first = plan.tasks().subList(0, 3);
        assertTrue(first.stream().allMatch(t -> t.groupId().equals(first.get(0).groupId())));
        assertEquals(first.get(0).spec().withSeed(43), first.get(1).spec());
        assertEquals("lr learningRate=0.001", first.get(0).spec().name(), "the child spec is named after the sweep and its point");
        assertTrue(plan.id().startsWith("s-") && plan.id().contains("-lr-"), plan.id());
    }

    @Test
    void oneSeedMakesNoGroupsAndOnlyTheSweptFieldAndNameChange() {
        SweepPlan plan = SweepPlan.of(MLP, axes("training.batchSize=32,64"), 1, null);
        assertNull(plan.tasks().get(0).groupId());
        ExperimentSpec child = plan.tasks().get(1).spec();
        assertEquals(MLP.withName(child.name()).withTraining(MLP.training().withBatchSize(64)), child);
    }

    @Test
    void valuesAreNormalisedSoTheSamePointTwiceIsRefused() {
        SpecException e = assertThrows(SpecException.class,
                () -> SweepPlan.of(MLP, axes("training.optimizer.learningRate=1e-3,0.001"), 1, null));
        assertTrue(e.getMessage().contains("are the same spec"), e.getMessage());
        SpecException twice = assertThrows(SpecException.class, () -> SweepAxis.parse("training.batchSize=32,32"));
        assertTrue(twice.getMessage().contains("'32' is given twice"), twice.getMessage());
    }

    @Test
    void aBadPathIsRefusedNamingTheFieldAndTheKnownOnes() {
        SpecException e = assertThrows(SpecException.class, () -> SweepAxis.parse("training.optimizer.learningrate=1e-3,1e-2"));
        assertTrue(e.getMessage().contains("unknown field \"learningrate\""), e.getMessage());
        assertTrue(e.getMessage().contains("learningRate"), "the right spelling is among the known fields: " + e.getMessage());
        SpecException noEq = assertThrows(SpecException.class, () -> SweepAxis.parse("training.batchSize"));
        assertTrue(noEq.getMessage().contains("is not PATH=V1,V2"), noEq.getMessage());
    }

    @Test
    void aBadValueIsRefusedNamingTheFieldAndTheValue() {
        SpecException e = assertThrows(SpecException.class,
                () -> SweepPlan.of(MLP, axes("training.batchSize=32,big"), 1, null));
        assertTrue(e.getMessage().contains("training.batchSize: 'big' is not a number"), e.getMessage());
        SpecException range = assertThrows(SpecException.class,
                () -> SweepPlan.of(MLP, axes("training.optimizer.learningRate=0.01,-1"), 1, null));
        assertTrue(range.getMessage().contains("training.optimizer.learningRate") && range.getMessage().contains("-1"),
                range.getMessage());
    }

    @Test
    void aCombinationThatIsNoValidSpecNamesThePointAndValuesValidOnlyTogetherAreAccepted() {
        // the split must sum to 100: train 70 is valid with test 20, not with the base's test 10
        SweepPlan together = SweepPlan.of(MLP, axes("split.train=70", "split.test=20"), 1, null);
        assertEquals(20.0, together.tasks().get(0).spec().split().test());
        SpecException e = assertThrows(SpecException.class, () -> SweepPlan.of(MLP, axes("split.train=70,75",
                "split.test=20,15"), 1, null));
        assertTrue(e.getMessage().startsWith("the grid point split.train=70, split.test=15 is not a valid spec"), e.getMessage());
    }

    @Test
    void jsonValuesMayHoldCommasAndAreOneValueEach() {
        SweepAxis a = SweepAxis.parse("model.layers[2]={\"type\": \"dropout\", \"rate\": 0.2},{\"type\": \"dropout\", \"rate\": 0.5}");
        assertEquals(2, a.values().size());
        SweepPlan plan = SweepPlan.of(MLP, List.of(a), 1, null);
        assertEquals(0.5, plan.tasks().get(1).spec().model().layers().get(2).rate());
        assertEquals(List.of("\"a,b\"", "c"), SweepAxis.split("\"a,b\",c", "name"), "quotes are kept for JSON values");
        assertEquals(List.of("a, b", "c"), SweepAxis.parse("name=\"a, b\",c").values(), "and removed for a text field");
        assertThrows(SpecException.class, () -> SweepAxis.parse("training.batchSize=32,,64"));
    }

    @Test
    void seedsAndASweptSeedAndTheSameFieldTwiceAreRefused() {
        assertTrue(assertThrows(SpecException.class, () -> SweepPlan.of(MLP, axes("seed=1,2"), 3, null)).getMessage()
                .contains("use one or the other"));
        assertTrue(assertThrows(SpecException.class, () -> SweepPlan.of(MLP, axes("training.batchSize=32,64",
                "training.batchSize=128"), 1, null)).getMessage().contains("swept twice"));
        assertTrue(assertThrows(SpecException.class, () -> SweepPlan.of(MLP, axes("training.optimizer={\"type\":\"sgd\"}",
                "training.optimizer.learningRate=0.1,0.01"), 1, null)).getMessage().contains("is inside training.optimizer"));
        assertTrue(assertThrows(SpecException.class, () -> SweepAxis.parse("version=1,2")).getMessage().contains("version"));
    }

    @Test
    void aTypoSizedSweepIsRefusedBeforeAnyTaskIsPlanned() {
        String many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> Integer.toString(8 + i)).collect(Collectors.joining(","));
        SpecException e = assertThrows(SpecException.class, () -> SweepPlan.of(MLP, axes("model.layers[1].units=" + many,
                "training.batchSize=16,32,64"), 5, null));
        assertTrue(e.getMessage().contains("1500 runs, more than 1000"), e.getMessage());
    }

    @Test
    void labelsUseTheShortestSuffixThatTellsAxesApart() {
        assertEquals(List.of("layers[1].units", "layers[3].units", "learningRate"), SweepPlan.labels(axes(
                "model.layers[1].units=8", "model.layers[3].units=8", "training.optimizer.learningRate=0.1")));
        assertNotEquals(SweepPlan.newId("x"), SweepPlan.newId("x").replace("-x-", "-y-"));
    }
}
