package dev.trainbench.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A reusable native-order direct buffer that DJL can wrap without allocating its own. */
public final class DirectFloats {
    private final ByteBuffer buffer;

    public DirectFloats(int capacity) {
        buffer = ByteBuffer.allocateDirect(capacity * Float.BYTES).order(ByteOrder.nativeOrder());
    }

    /** Copies {@code count} values and returns the buffer positioned over exactly them. */
    public ByteBuffer fill(float[] values, int count) {
        buffer.clear();
        buffer.asFloatBuffer().put(values, 0, count);
        buffer.limit(count * Float.BYTES);
        return buffer;
    }
}
