/**
 * The headless command line: the same spec and run files as the GUI. The only package that writes
 * to standard output. Imports no JavaFX.
 */
package dev.trainbench.cli;
