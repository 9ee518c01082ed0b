/**
 * The headless command line: the same spec and run files as the GUI. The only package that writes
 * to standard output. Shared by every command: {@code Cli} (help options on every command, the one
 * error path: a line on standard error and, with {@code --json}, the {@code JsonOutput} error line),
 * {@code Format} (numbers, and text from files printed with control characters escaped; standard
 * output goes through {@code Format.terminalSafe}), {@code ExitCodes}, {@code WorkspaceOption}.
 * Imports no JavaFX.
 */
package dev.trainbench.cli;
