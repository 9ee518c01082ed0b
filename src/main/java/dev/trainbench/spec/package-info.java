/**
 * The experiment recipe: plain, validated records that cross every boundary (GUI, CLI, trainer,
 * run store) and their versioned JSON form. Imports nothing from the rest of TrainBench, nor
 * JavaFX, nor DJL.
 */
package dev.trainbench.spec;
