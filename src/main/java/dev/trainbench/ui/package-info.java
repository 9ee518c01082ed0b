/**
 * The JavaFX workbench: one package per screen (Data, Model, Train, Runs, Compare, Predict), each a View and a
 * ViewModel (the view model holds JavaFX properties, calls the core, and is tested without a
 * Stage); the shared {@link dev.trainbench.ui.WorkbenchModel}; spec files (File menu); charts; background tasks;
 * layout helpers every screen uses so it fits any screen and mode ({@link dev.trainbench.ui.Forms},
 * {@link dev.trainbench.ui.Tables}, {@link dev.trainbench.ui.Tips}, {@link dev.trainbench.ui.Windows},
 * {@link dev.trainbench.ui.KeptSplitPane}). Start-up ({@link dev.trainbench.ui.TrainBenchApp}): the window
 * with only its first screen built, the rest after its first frame ({@link dev.trainbench.ui.MainWindow#startUp}),
 * milestones in {@link dev.trainbench.ui.StartupTrace}. May import
 * JavaFX, ControlsFX and the core's plain records and services; never DJL.
 */
package dev.trainbench.ui;
