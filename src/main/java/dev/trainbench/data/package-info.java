/**
 * Data: loaders (shipped samples, generated 2-D sets, CSV with its options, IDX, image folders),
 * validation and test sets from their own files checked against the training data, class names,
 * profiling, splitting, shuffling, preprocessing and target scaling fitted on the training split,
 * augmentation. Plain Java
 * arrays only; imports no JavaFX and no DJL (java.desktop's ImageIO is used for images).
 *
 * <p>Entry points: {@link dev.trainbench.data.DatasetLoader#load}, {@link dev.trainbench.data.DatasetLoader#loadAll}
 * (with the split files; {@link dev.trainbench.data.LoadedData#filesBySplit} says what each split was read from),
 * {@link dev.trainbench.data.CsvLoader#preview}, {@link dev.trainbench.data.SplitSummary},
 * {@link dev.trainbench.data.TargetScaler}, {@link dev.trainbench.data.DataProfile#of},
 * {@link dev.trainbench.data.Splitter#split}, {@link dev.trainbench.data.EpochOrder#order},
 * {@link dev.trainbench.data.Preprocessor#fit}, {@link dev.trainbench.data.Augmenter}. Bad input is
 * always a {@link dev.trainbench.data.DataException}; the rules are in docs/data-formats.md.
 */
package dev.trainbench.data;
