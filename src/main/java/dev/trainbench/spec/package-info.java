/**
 * The experiment recipe: plain, validated records that cross every boundary (GUI, CLI, trainer,
 * run store) and their versioned JSON form ({@link dev.trainbench.spec.SpecJson}); any field read
 * or changed by its JSON path, through the same validation ({@link dev.trainbench.spec.SpecPaths}:
 * the diff's paths, a sweep's {@code --set PATH=V1,V2}, a diagnosis's one-field change). Imports
 * nothing from the rest of TrainBench, nor JavaFX, nor DJL.
 */
package dev.trainbench.spec;
