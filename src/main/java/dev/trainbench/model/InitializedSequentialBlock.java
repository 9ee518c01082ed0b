package dev.trainbench.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBaseBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * DJL's {@link SequentialBlock} with the same parameters, forward pass and saved bytes, minus its
 * per-call garbage. Every {@code forward} of a DJL block first asks {@code isInitialized()}, which
 * rebuilds the list of all parameters of the block and its children, with a concatenated name per
 * parameter, on every call: for a sequential container that is the whole model, at every training
 * step (about 6 KB of short-lived objects a step for a small MLP). Parameters never become
 * uninitialized while a model is in use, so the answer is kept once it is yes. The forward pass
 * also skips the list of intermediate outputs, which DJL keeps only for {@code returnIntermediate}
 * (never set here).
 *
 * <p>The children's own {@code forward} asks each child the same question again (a parameter list
 * and a child list per child and step). Once this block is initialized so is every child, so a
 * training pass calls each child's {@code forwardInternal} (what its {@code forward} calls after the
 * question) directly. That method is protected in DJL; it is reached through a method handle, and
 * if a later DJL closes it the children's {@code forward} is called as before.
 */
final class InitializedSequentialBlock extends SequentialBlock {
    private static final MethodHandle CHILD_FORWARD = childForward();
    private boolean initialized;

    private static MethodHandle childForward() {
        try {
            return MethodHandles.privateLookupIn(AbstractBaseBlock.class, MethodHandles.lookup()).findVirtual(
                    AbstractBaseBlock.class, "forwardInternal", MethodType.methodType(NDList.class,
                            ParameterStore.class, NDList.class, NDList.class, PairList.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList current = inputs;
        for (int i = 0, n = children.size(); i < n; i++) {
            Block block = children.valueAt(i);
            current = block.forward(parameterStore, current, training);
        }
        return current;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList data, NDList labels,
                                     PairList<String, Object> params) {
        NDList current = data;
        boolean direct = CHILD_FORWARD != null && isInitialized();
        for (int i = 0, n = children.size(); i < n; i++) {
            Block block = children.valueAt(i);
            if (direct && block instanceof AbstractBaseBlock b) {
                current = forwardInitialized(b, parameterStore, current, labels, params);
            } else {
                current = block.forward(parameterStore, current, labels, params);
            }
        }
        return current;
    }

    private static NDList forwardInitialized(AbstractBaseBlock block, ParameterStore parameterStore, NDList data,
                                             NDList labels, PairList<String, Object> params) {
        try {
            return (NDList) CHILD_FORWARD.invokeExact(block, parameterStore, data, labels, params);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
