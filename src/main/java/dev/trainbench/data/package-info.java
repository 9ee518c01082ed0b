/**
 * Data: loaders (shipped samples, generated 2-D sets, CSV, IDX, image folders), profiling,
 * splitting, shuffling, preprocessing fitted on the training split, augmentation. Plain Java
 * arrays only; imports no JavaFX and no DJL (java.desktop's ImageIO is used for images).
 *
 * <p>Entry points: {@link dev.trainbench.data.DatasetLoader#load}, {@link dev.trainbench.data.DataProfile#of},
 * {@link dev.trainbench.data.Splitter#split}, {@link dev.trainbench.data.EpochOrder#order},
 * {@link dev.trainbench.data.Preprocessor#fit}, {@link dev.trainbench.data.Augmenter}. Bad input is
 * always a {@link dev.trainbench.data.DataException}; the rules are in docs/data-formats.md.
 */
package dev.trainbench.data;
