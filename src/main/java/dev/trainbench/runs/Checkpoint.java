package dev.trainbench.runs;

/**
 * What {@code run.json} says about one checkpoint file ({@code checkpoints/<name>.params}): the
 * epochs completed and the training steps taken when its weights were saved. The record is the
 * commit point of a checkpoint: a weights file it does not describe is a leftover of a kill and is
 * settled on the next open (docs/file-formats.md, "Checkpoints").
 */
public record Checkpoint(Integer epoch, long step) {
}
