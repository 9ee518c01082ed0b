package dev.trainbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainbench.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmOptionsTest {

    static SlurmOptions of(String partition, String time, Integer cpus, String mem, String gres, Integer max, String... extra) {
        return new SlurmOptions(partition, time, cpus, mem, gres, max, List.of(extra));
    }

    @Test
    void validOptionsPassAndExtraLinesLoseALeadingSbatch() {
        SlurmOptions o = of("gpu,debug", "0-02:00:00", 4, "8G", "gpu:a100:1", 3, "#SBATCH --account=ml", "--constraint=avx2").checked();
        assertEquals(List.of("--account=ml", "--constraint=avx2"), o.extra());
        assertTrue(o.wantsGpu());
        for (String t : List.of("30", "10:00", "01:30:00", "2-12", "2-12:30", "1-00:00:00")) {
            assertEquals(t, of(null, t, null, null, null, null).checked().time());
        }
        assertFalse(of(null, null, null, null, "shard:2", null).checked().wantsGpu());
    }

    @Test
    void eachBadOptionIsNamedWithWhatIsExpected() {
        assertMessage(() -> of("bad partition", null, null, null, null, null).checked(), "--partition 'bad partition'");
        assertMessage(() -> of(null, "2 hours", null, null, null, null).checked(), "--time '2 hours' is not valid");
        assertMessage(() -> of(null, null, 0, null, null, null).checked(), "--cpus-per-task must be 1..1024");
        assertMessage(() -> of(null, null, null, "lots", null, null).checked(), "--mem 'lots'");
        assertMessage(() -> of(null, null, null, null, "gpu 1", null).checked(), "--gres 'gpu 1'");
        assertMessage(() -> of(null, null, null, null, null, 0).checked(), "--max-parallel must be at least 1");
    }

    @Test
    void extraLinesCannotInjectCommandsOrOverrideTheArray() {
        assertMessage(() -> of(null, null, null, null, null, null, "--account=ml\nrm -rf /").checked(), "without line breaks");
        assertMessage(() -> of(null, null, null, null, null, null, "rm -rf /").checked(), "is not an sbatch option");
        assertMessage(() -> of(null, null, null, null, null, null, "--array=0-99").checked(), "--array is set by TrainBench");
        assertMessage(() -> of(null, null, null, null, null, null, "-o /tmp/x").checked(), "-o is set by TrainBench");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        SpecException x = assertThrows(SpecException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
