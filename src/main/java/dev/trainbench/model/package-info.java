/**
 * Models: shape inference and parameter counts over a {@link dev.trainbench.spec.LayerSpec} stack
 * (plain Java, usable by the GUI), presets from small to large, the "grow" action, architecture
 * lint, and the translation of a stack into DJL blocks ({@link dev.trainbench.model.BlockFactory},
 * with {@link dev.trainbench.model.BuiltModel} and {@link dev.trainbench.model.ReluProbes} (dead-ReLU
 * measurement) the only classes here that import DJL). Imports no JavaFX.
 */
package dev.trainbench.model;
