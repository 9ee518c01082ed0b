/**
 * The JavaFX workbench: one package per screen (Data, Model, Train, Runs, Compare), each a View and a
 * ViewModel (the view model holds JavaFX properties, calls the core, and is tested without a
 * Stage); the shared {@link dev.trainbench.ui.WorkbenchModel}; spec files (File menu); charts; background tasks. May import
 * JavaFX, ControlsFX and the core's plain records and services; never DJL.
 */
package dev.trainbench.ui;
