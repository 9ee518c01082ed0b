package dev.trainbench.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * A DJL block built from a stack, with the top-level layers that own parameters ("groups") in
 * order, so that per-layer gradient and weight norms can be reported by the names users see.
 */
public record BuiltModel(SequentialBlock block, List<String> groupNames, List<Block> groups) {

    public BuiltModel {
        groupNames = List.copyOf(groupNames);
        groups = List.copyOf(groups);
    }
}
