/** Background work for the UI: a small task abstraction with a JavaFX and a same-thread implementation. */
package dev.trainbench.ui.task;
