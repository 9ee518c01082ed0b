package dev.trainbench.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.spec.InitSpec;
import dev.trainbench.spec.OptimizerSpec;
import dev.trainbench.spec.Preprocessing;
import dev.trainbench.train.TrainingEvent;
import dev.trainbench.ui.EnumNames;
import org.junit.jupiter.api.Test;

/** The status line says what a user needs when a run ends, and enum choices read as words. */
class FinishedTextTest {

    private static TrainingEvent.RunFinished finished(RunStatus status, String message, Double bestAcc) {
        RunRecord r = new RunRecord.Builder().id("r1").status(status).bestValidationAccuracy(bestAcc).epochsCompleted(3).build();
        return new TrainingEvent.RunFinished("r1", status, message, r);
    }

    @Test
    void completedRunShowsBestValidationAccuracy() {
        assertEquals("Run completed: best validation accuracy 97.2% (3 epochs)",
                TrainViewModel.finishedText(finished(RunStatus.COMPLETED, null, 0.9721)));
    }

    @Test
    void stoppedDivergedAndFailedSayWhatHappened() {
        assertEquals("Stopped after 3 epochs: best validation accuracy 50.0%",
                TrainViewModel.finishedText(finished(RunStatus.STOPPED, null, 0.5)));
        assertEquals("Diverged: loss is NaN at step 12", TrainViewModel.finishedText(finished(RunStatus.DIVERGED, "loss is NaN at step 12", null)));
        assertEquals("Failed: out of memory", TrainViewModel.finishedText(finished(RunStatus.FAILED, "out of memory", null)));
        assertFalse(TrainViewModel.finishedText(finished(RunStatus.COMPLETED, null, 0.9)).contains("frame"));
    }

    @Test
    void enumsReadAsLowerCaseWords() {
        assertEquals("adam", EnumNames.label(OptimizerSpec.Type.ADAM));
        assertEquals("standardize", EnumNames.label(Preprocessing.STANDARDIZE));
        assertEquals("min-max", EnumNames.label(Preprocessing.MINMAX));
        assertEquals("he", EnumNames.label(InitSpec.Type.HE));
        assertEquals(OptimizerSpec.Type.RMSPROP, EnumNames.converter(OptimizerSpec.Type.class).fromString("rmsprop"));
    }
}
