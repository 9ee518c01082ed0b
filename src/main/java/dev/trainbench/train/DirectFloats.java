package dev.trainbench.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A reusable native-order direct buffer that DJL can wrap without allocating its own. Handing DJL a
 * {@code float[]} makes it allocate a fresh direct buffer per call, freed only when the garbage
 * collector happens to run: resident memory then climbs by a batch per step between collections.
 */
public final class DirectFloats {
    private final ByteBuffer buffer;
    private final FloatBuffer floats;

    public DirectFloats(int capacity) {
        buffer = ByteBuffer.allocateDirect(capacity * Float.BYTES).order(ByteOrder.nativeOrder());
        floats = buffer.asFloatBuffer();
    }

    /** Copies {@code count} values and returns the buffer positioned over exactly them. */
    public ByteBuffer fill(float[] values, int count) {
        floats.clear();
        floats.put(values, 0, count);
        return positioned(count);
    }

    /**
     * Copies samples {@code order[start .. start+count)} of {@code size} values each from
     * {@code values} (contiguous samples from {@code start} when order is null), straight into the
     * buffer, and returns it positioned over exactly them.
     */
    public ByteBuffer gather(float[] values, int size, int[] order, int start, int count) {
        floats.clear();
        if (order == null) {
            floats.put(values, start * size, count * size);
        } else {
            for (int i = 0; i < count; i++) {
                floats.put(values, order[start + i] * size, size);
            }
        }
        return positioned(count * size);
    }

    private ByteBuffer positioned(int count) {
        buffer.clear();
        buffer.limit(count * Float.BYTES);
        return buffer;
    }
}
