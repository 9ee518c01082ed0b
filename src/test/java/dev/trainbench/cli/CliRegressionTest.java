package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.spec.SpecJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped regression example reports RMSE, MAE and R² in run, --json, show and list, and names its loss. */
class CliRegressionTest {

    @TempDir
    Path ws;

    @Test
    void theRegressionExampleReportsRmseMaeAndR2Everywhere() throws Exception {
        CliOutcome o = CliOutcome.of("run", "examples/friedman1-mlp.json", "--epochs", "3", "--test", "--json",
                "-w", ws.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("val loss"), o.err());
        assertTrue(o.err().contains("rmse") && o.err().contains("R²"), o.err());
        assertFalse(o.err().contains("acc -"), "no accuracy for regression: " + o.err());
        assertTrue(o.out().contains("loss: L2 loss = ½·MSE, on standardized targets"), o.out());
        assertTrue(o.out().contains("best validation rmse"), o.out());
        assertTrue(o.out().contains("test rmse"), o.out());
        String[] lines = o.out().strip().split("\n");
        JsonNode last = SpecJson.mapper().readTree(lines[lines.length - 1]);
        double rmse = last.get("testRmse").asDouble();
        double mae = last.get("testMae").asDouble();
        double r2 = last.get("testR2").asDouble();
        // Friedman #1: the target's std is about 5; after three epochs the model explains most of it
        assertTrue(rmse > 0 && rmse < 4, "rmse in the target's units: " + rmse);
        assertTrue(mae > 0 && mae <= rmse, "MAE <= RMSE: " + mae);
        assertTrue(r2 > 0.5 && r2 < 1, "R²: " + r2);
        assertTrue(last.get("bestValidationR2").asDouble() > 0.5, last.toString());

        String id = last.get("runId").asText();
        CliOutcome show = CliOutcome.of("show", id, "-w", ws.toString());
        assertTrue(show.out().contains("val rmse") && show.out().contains("val R²"), show.out());
        assertTrue(show.out().contains("rmse " + Format.num(rmse)), show.out());
        assertTrue(show.out().contains("loss      L2 loss = ½·MSE"), show.out());
        CliOutcome list = CliOutcome.of("list", "-w", ws.toString());
        assertTrue(list.out().contains("rmse " + Format.num(rmse)), list.out());
        assertTrue(list.out().contains("rmse " + Format.num(last.get("bestValidationRmse").asDouble())), list.out());
    }
}
