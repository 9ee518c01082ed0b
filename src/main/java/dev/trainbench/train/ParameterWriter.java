package dev.trainbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a block's parameters in exactly the bytes of DJL's {@code Block.saveParameters}, without its
 * garbage. DJL encodes each parameter into fresh byte arrays (a copy of the tensor out of native
 * memory, a stream sized for it, and that stream's copy): about four times the model's weights per
 * checkpoint, on the trainer thread, every time a checkpoint is saved.
 *
 * <p>The file is the parameters' data with a few bytes around each (block versions and metadata such
 * as input shapes, each parameter's name, type and shape), and only the data changes while a model
 * trains. So the first save is DJL's own; its bytes are kept as a plan: the bytes before each
 * parameter's data, and after the last. The plan is accepted only if each parameter's data is found
 * exactly where it is expected (right after its type, shape, byte order and length) and holds exactly
 * the parameter's values at that moment; otherwise, or when a parameter changes shape or type or
 * is no longer a plain CPU-readable tensor, DJL's own save is used (and planned again). Later saves
 * write the plan's bytes and copy each parameter's data from the tensor's own memory (a direct
 * buffer view, DJL's {@code toByteBuffer(true)}) through one reused buffer.
 *
 * <p>It assumes that nothing but parameter data changes in a block's saved bytes between two saves
 * (true of DJL's blocks: their metadata is set when they are initialized). Used on the trainer
 * thread only; one per model.
 */
final class ParameterWriter {
    private static final int CHUNK = 1 << 16;

    private final Block block;
    /** The parameters in DJL's save order (a block's own, then its children's, depth first). */
    private Parameter[] parameters;
    /** Per parameter, the bytes before its data; {@code fixed[n]} the bytes after the last; null: no plan. */
    private byte[][] fixed;
    private int[] lengths;
    private ByteOrder[] orders;
    private ByteBuffer[] views;
    private byte[] chunk;
    private int filled;
    private boolean planned;
    private int djlSaves;

    ParameterWriter(Block block) {
        this.block = block;
    }

    /**
     * Writes the block's parameters as {@code block.saveParameters} would, in pieces of up to 64 KB
     * (buffered here: {@code out} need not be).
     */
    void write(OutputStream out) throws IOException {
        if (fixed != null) {
            try (NDScope scope = new NDScope()) { // closes what a view may need (a contiguous or CPU copy)
                if (collectViews()) {
                    if (chunk == null) {
                        chunk = new byte[CHUNK];
                    }
                    filled = 0;
                    for (int i = 0; i < parameters.length; i++) {
                        put(ByteBuffer.wrap(fixed[i]), out);
                        if (views[i] != null) {
                            put(views[i].duplicate(), out);
                        }
                    }
                    put(ByteBuffer.wrap(fixed[parameters.length]), out);
                    out.write(chunk, 0, filled);
                    Arrays.fill(views, null);
                    return;
                }
                Arrays.fill(views, null);
            }
        }
        writeAndPlan(out);
    }

    /** How many saves went through DJL's own encoder (the first, and any after a change): for tests. */
    int djlSaves() {
        return djlSaves;
    }

    /** Whether the later saves stream the data (the plan was accepted): for tests. */
    boolean streaming() {
        return fixed != null;
    }

    private void writeAndPlan(OutputStream out) throws IOException {
        djlSaves++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        block.saveParameters(new DataOutputStream(bytes));
        byte[] saved = bytes.toByteArray();
        out.write(saved);
        if (!planned) {
            planned = true; // one try per change: a model whose file cannot be planned keeps DJL's save
            plan(saved);
        }
    }

    /** Views over every parameter's data, checked against the plan; false (and no plan) on any change. */
    private boolean collectViews() {
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (!p.isInitialized()) {
                if (lengths[i] >= 0) {
                    return replan();
                }
                continue;
            }
            if (lengths[i] < 0) {
                return replan();
            }
            ByteBuffer view = view(p.getArray());
            if (view == null || view.remaining() != lengths[i] || view.order() != orders[i]) {
                return replan();
            }
            views[i] = view;
        }
        return true;
    }

    private boolean replan() {
        fixed = null;
        planned = false;
        return false;
    }

    private static ByteBuffer view(NDArray array) {
        if (array.getSparseFormat() != ai.djl.ndarray.types.SparseFormat.DENSE
                || array.getDataType() == ai.djl.ndarray.types.DataType.STRING) {
            return null;
        }
        ByteBuffer b = array.toByteBuffer(true);
        return b.isDirect() || b.hasArray() ? b : null;
    }

    /** Copies {@code from} into the buffer, writing the buffer out each time it is full. */
    private void put(ByteBuffer from, OutputStream out) throws IOException {
        while (from.hasRemaining()) {
            int n = Math.min(chunk.length - filled, from.remaining());
            from.get(chunk, filled, n);
            filled += n;
            if (filled == chunk.length) {
                out.write(chunk, 0, filled);
                filled = 0;
            }
        }
    }

    /**
     * Finds each parameter's data in DJL's bytes: right after its data type's name, its encoded
     * shape, its byte order and its length, and equal to its values now. Anything unexpected leaves
     * no plan.
     */
    private void plan(byte[] saved) {
        List<Parameter> order = new ArrayList<>();
        collect(block, order);
        Parameter[] ps = order.toArray(new Parameter[0]);
        byte[][] before = new byte[ps.length + 1][];
        int[] lens = new int[ps.length];
        ByteOrder[] byteOrders = new ByteOrder[ps.length];
        int at = 0;
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < ps.length; i++) {
                if (!ps[i].isInitialized()) {
                    lens[i] = -1;
                    before[i] = new byte[0];
                    continue;
                }
                NDArray array = ps[i].getArray();
                ByteBuffer view = view(array);
                if (view == null) {
                    return;
                }
                byte[] header = header(array, view);
                int found = indexOf(saved, header, at);
                if (found < 0) {
                    return;
                }
                int start = found + header.length;
                int length = view.remaining();
                if (start + length > saved.length || !ByteBuffer.wrap(saved, start, length).equals(view.duplicate())) {
                    return;
                }
                before[i] = Arrays.copyOfRange(saved, at, start);
                lens[i] = length;
                byteOrders[i] = view.order();
                at = start + length;
            }
        } catch (RuntimeException | IOException e) {
            return; // an array this version cannot view: DJL's save stays
        }
        before[ps.length] = Arrays.copyOfRange(saved, at, saved.length);
        parameters = ps;
        lengths = lens;
        orders = byteOrders;
        views = new ByteBuffer[ps.length];
        fixed = before;
    }

    private static void collect(Block block, List<Parameter> out) {
        for (Parameter p : block.getDirectParameters().values()) {
            out.add(p);
        }
        for (Block child : block.getChildren().values()) {
            collect(child, out);
        }
    }

    /** The end of a parameter's encoding just before its data: type, shape, byte order, data length. */
    private static byte[] header(NDArray array, ByteBuffer view) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeUTF(array.getDataType().name());
        d.write(array.getShape().getEncoded());
        d.write(view.order() == ByteOrder.BIG_ENDIAN ? '>' : '<');
        d.writeInt(view.remaining());
        return b.toByteArray();
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from, last = in.length - what.length; i <= last; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
