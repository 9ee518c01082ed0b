/**
 * Comparing runs (R3, R5): the configuration diff between specs with aligned layer lists
 * ({@link dev.trainbench.compare.SpecDiff}), seed-group statistics and Welch's t-test
 * ({@link dev.trainbench.compare.Summary}, {@link dev.trainbench.compare.WelchTest}), curves read
 * from run folders by column name with group bands ({@link dev.trainbench.compare.RunCurves},
 * {@link dev.trainbench.compare.Band}), all of it for 2..n runs in one immutable model
 * ({@link dev.trainbench.compare.Comparison}) that the Compare view, {@code trainbench compare}
 * and the self-contained HTML report ({@link dev.trainbench.compare.HtmlReport}) share.
 *
 * <p>A separate package rather than part of {@code runs}: {@code runs} is storage (folders,
 * atomic writes, CSV logs) that training writes and everything reads; comparison is analysis over
 * stored runs with its own dependencies (Commons Math for the t distribution) and reasons to change.
 * May use {@code spec}, {@code data} (the fingerprint record), {@code runs}, Jackson and Commons
 * Math; never JavaFX, DJL, {@code model} or {@code train} (ArchUnit enforces it): a comparison
 * never loads the engine. Reads files; writes only the report a caller asks for.
 */
package dev.trainbench.compare;
