package dev.trainbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainbench.data.Dataset;
import dev.trainbench.spec.TrainingSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one batch maker: the samples asked for, in that order, shaped for the model, with the loss's labels. */
class BatchesTest {

    /** 5 "images" of 1x2x2: sample i holds i*10 + 0..3; labels i % 3. */
    static Dataset images() {
        float[] x = new float[5 * 4];
        int[] y = new int[5];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 4; k++) {
                x[i * 4 + k] = i * 10 + k;
            }
            y[i] = i % 3;
        }
        return Dataset.classification("img", x, new int[] {1, 2, 2}, y, List.of("a", "b", "c"), null);
    }

    @Test
    void gathersTheIndexedSamplesInOrderWithTheSampleShape() {
        Batches b = new Batches(images(), 4, TrainingSpec.Loss.CROSS_ENTROPY, 3, null);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            int[] order = {4, 0, 3, 1, 2};
            NDArray x = b.inputs(m, order, 1, 3);
            assertEquals(new Shape(3, 1, 2, 2), x.getShape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 30, 31, 32, 33, 10, 11, 12, 13}, x.toFloatArray());
            NDArray y = b.labels(m, order, 1, 3);
            assertEquals(DataType.INT64, y.getDataType());
            assertArrayEquals(new long[] {0, 0, 1}, y.toLongArray());
            assertEquals(2, b.correct(new long[] {0, 2, 1}, order, 1));
        }
    }

    @Test
    void withoutIndicesTheSamplesAreContiguousFromStart() {
        Batches b = new Batches(images(), 2, TrainingSpec.Loss.CROSS_ENTROPY, 3, null);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertArrayEquals(new float[] {40, 41, 42, 43}, b.inputs(m, null, 4, 1).toFloatArray());
            assertArrayEquals(new long[] {0, 1}, b.labels(m, null, 3, 2).toLongArray());
        }
    }

    @Test
    void l1AndL2OnClassesGetOneHotRows() {
        Batches b = new Batches(images(), 2, TrainingSpec.Loss.L2, 3, null);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray y = b.labels(m, new int[] {2, 1}, 0, 2);
            assertEquals(new Shape(2, 3), y.getShape());
            assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0}, y.toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    @Test
    void regressionGetsItsTargetRows() {
        Dataset d = Dataset.regression("r", new float[] {1, 2, 3}, new int[] {1}, new float[] {10, 11, 20, 21, 30, 31}, 2,
                null);
        Batches b = new Batches(d, 3, TrainingSpec.Loss.L2, 2, null);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray y = b.labels(m, new int[] {2, 0}, 0, 2);
            assertEquals(new Shape(2, 2), y.getShape());
            assertArrayEquals(new float[] {30, 31, 10, 11}, y.toFloatArray());
            assertArrayEquals(new float[] {3, 1}, b.inputs(m, new int[] {2, 0}, 0, 2).toFloatArray());
        }
    }

    @Test
    void augmentationChangesTheGatheredBatchOnlyNeverTheDataSet() {
        Dataset d = images();
        float[] before = d.features().clone();
        int[] seen = new int[1];
        Batches b = new Batches(d, 4, TrainingSpec.Loss.CROSS_ENTROPY, 3, (batch, count) -> {
            seen[0] = count;
            for (int i = 0; i < count * 4; i++) {
                batch[i] = -batch[i];
            }
        });
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertArrayEquals(new float[] {-20, -21, -22, -23}, b.inputs(m, new int[] {2}, 0, 1).toFloatArray());
        }
        assertEquals(1, seen[0]);
        assertArrayEquals(before, d.features());
    }

    @Test
    void aBatchLargerThanTheBuffersIsRefused() {
        Batches b = new Batches(images(), 2, TrainingSpec.Loss.CROSS_ENTROPY, 3, null);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertThrows(IllegalArgumentException.class, () -> b.inputs(m, null, 0, 3));
        }
    }
}
