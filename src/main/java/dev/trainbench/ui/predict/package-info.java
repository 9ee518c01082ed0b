/**
 * The Predict screen: open a model exported from a run, draw a digit on a pad (framed as MNIST
 * digits are, predicted as it is drawn) or give it image, CSV and IDX files, and see its answer
 * with a probability bar per class and, for labelled inputs, the confusion matrix. Inference runs
 * through {@link dev.trainbench.train.Predictor} in the background; this package never touches DJL.
 */
package dev.trainbench.ui.predict;
