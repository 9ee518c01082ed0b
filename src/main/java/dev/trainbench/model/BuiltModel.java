package dev.trainbench.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * A DJL block built from a stack, with the top-level layers that own parameters ("groups") in
 * order, so that per-layer gradient and weight norms can be reported by the names users see, and
 * the hook that measures dead ReLUs per group.
 */
public record BuiltModel(SequentialBlock block, List<String> groupNames, List<Block> groups, ReluProbes relus) {

    public BuiltModel {
        groupNames = List.copyOf(groupNames);
        groups = List.copyOf(groups);
        if (relus == null) {
            relus = new ReluProbes();
        }
    }

    /** A model whose ReLUs (if any) are not measured. */
    public BuiltModel(SequentialBlock block, List<String> groupNames, List<Block> groups) {
        this(block, groupNames, groups, null);
    }
}
