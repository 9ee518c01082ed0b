/**
 * Data: loaders (shipped samples, generated 2-D sets, CSV, IDX, image folders), profiling,
 * splitting, shuffling, preprocessing fitted on the training split, augmentation. Plain Java
 * arrays only; imports no JavaFX and no DJL.
 */
package dev.trainbench.data;
