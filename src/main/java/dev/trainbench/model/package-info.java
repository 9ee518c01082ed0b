/**
 * Models: shape inference and parameter counts over a {@link dev.trainbench.spec.LayerSpec} stack
 * (plain Java, usable by the GUI), presets from small to large, the "grow" action, architecture
 * lint, and the translation of a stack into DJL blocks ({@link dev.trainbench.model.BlockFactory},
 * the only class here that imports DJL). Imports no JavaFX.
 */
package dev.trainbench.model;
