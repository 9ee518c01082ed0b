package dev.trainbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep's answer: the final metric against the swept value, per point over its seeds. */
class FieldResponseTest {

    final ComparisonTest runs = new ComparisonTest();

    /** A 3 learning rates x 2 widths x 2 seeds sweep whose accuracy peaks at lr 0.01 and grows with the width. */
    List<RunRecord> sweep(boolean oneFailed) {
        List<RunRecord> out = new ArrayList<>();
        int task = 0;
        for (String lr : List.of("0.1", "0.001", "0.01")) {
            for (String units : List.of("64", "128")) {
                for (int seed = 0; seed < 2; seed++) {
                    ExperimentSpec spec = SpecPaths.setText(SpecPaths.setText(ComparisonTest.MLP, "training.optimizer.learningRate", lr),
                            "model.layers[1].units", units).withSeed(42 + seed);
                    double acc = (lr.equals("0.01") ? 0.95 : 0.90) + (units.equals("128") ? 0.02 : 0) + seed * 0.01;
                    RunRecord r = runs.run("r" + task, spec, "g-" + lr + "-" + units, seed, new double[] {acc - 0.1, acc});
                    Map<String, String> point = new LinkedHashMap<>();
                    point.put("training.optimizer.learningRate", lr);
                    point.put("model.layers[1].units", units);
                    RunRecord.Builder b = r.toBuilder().sweepId("s-x").sweepTask(task).sweepPoint(point).bestValidationAccuracy(acc);
                    if (oneFailed && task == 0) {
                        b.status(RunStatus.DIVERGED);
                    }
                    out.add(b.build());
                    task++;
                }
            }
        }
        return out;
    }

    @Test
    void eachValueIsAPointOverItsSeedsOneLinePerValueOfTheOtherFieldOnALogAxis() {
        List<RunRecord> s = sweep(false);
        Comparison c = Comparison.of(s, r -> runs.curves.get(r.id()));
        assertEquals(List.of("training.optimizer.learningRate", "model.layers[1].units"), FieldResponse.sweptPaths(s));
        FieldResponse r = FieldResponse.of(c, "training.optimizer.learningRate");
        assertEquals("final validation accuracy", r.metric());
        assertTrue(r.numeric() && r.logX() && r.percent());
        assertEquals(List.of("0.001", "0.01", "0.1"), r.values(), "numbers in ascending order whatever the task order");
        assertEquals(List.of("units=64", "units=128"), r.lines().stream().map(FieldResponse.Line::label).toList());
        FieldResponse.Point peak = r.lines().get(1).points().get(1);
        assertEquals("0.01", peak.value());
        assertEquals(0.01, peak.x());
        assertEquals(2, peak.y().n());
        assertEquals(0.975, peak.y().mean(), 1e-9);
        assertEquals(0.97, peak.y().min(), 1e-9);
        assertEquals("0.01", r.best().value());

        FieldResponse units = FieldResponse.of(c, "model.layers[1].units");
        assertFalse(units.logX(), "64 to 128 is no decade");
        assertEquals(3, units.lines().size());
    }

    @Test
    void failedRunsAreLeftOutOfTheirPointAndTheReportDrawsOneChartPerSweptField() {
        List<RunRecord> s = sweep(true);
        Comparison c = Comparison.of(s, r -> runs.curves.get(r.id()));
        FieldResponse r = FieldResponse.of(c, "training.optimizer.learningRate");
        FieldResponse.Point first = r.lines().get(0).points().stream().filter(p -> p.value().equals("0.1")).findFirst().orElseThrow();
        assertEquals(1, first.y().n(), "the diverged seed does not count");
        List<HtmlReport.Chart> charts = HtmlReport.sweepCharts(c);
        assertEquals(2, charts.size());
        String svg = charts.get(0).svg().render();
        assertTrue(svg.contains("(log scale)"), "learning rates on a log axis");
        assertTrue(svg.contains(">0.01<") && svg.contains(">0.1<"), "ticks at the values' decades");
        assertTrue(charts.get(0).caption().contains("best: learningRate = 0.01"), charts.get(0).caption());
        assertTrue(HtmlReport.render(c, "test").contains("id=\"sweep\""));
        assertTrue(HtmlReport.sweepCharts(Comparison.of(List.of(s.get(0).toBuilder().sweepPoint(null).build(),
                s.get(2).toBuilder().sweepPoint(null).build()), x -> runs.curves.get(x.id()))).isEmpty(), "no sweep, no chart");
    }

    @Test
    void fromRunRecordsAloneTheBestValidationAccuracyIsUsed() {
        FieldResponse r = FieldResponse.ofRecords(sweep(false), "model.layers[1].units");
        assertEquals("best validation accuracy", r.metric());
        assertEquals(List.of("64", "128"), r.values());
    }
}
