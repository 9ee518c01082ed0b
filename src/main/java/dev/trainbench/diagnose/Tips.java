package dev.trainbench.diagnose;

/**
 * The training advice (the lines of the project's TIPS.md) that findings come from, word for
 * word, so that a finding always names the habit behind it.
 */
public final class Tips {
    public static final String SCALES = "Inputs and outputs should be on similar scales; rescale or shift features that are not.";
    public static final String SYMMETRY = "Look for symmetry: images are translation-symmetric, so convolutions fit, and"
            + " augmentation can enlarge the data.";
    public static final String START_SMALL = "Start with a small model and grow it step by step; small models train fast"
            + " and are easy to iterate on.";
    public static final String GRADIENT_FLOW = "Think about gradient flow: every part of the network needs a path to the"
            + " loss, and stacked saturating activations (sigmoid, tanh) squash gradients; residual connections help.";
    public static final String SHUFFLE = "Shuffle the training data every epoch before batching.";
    public static final String KNOW_THE_DATA = "Know the data: look at it before training (class counts, scales,"
            + " duplicates); a validation set shows generalisation only if it looks like the data the model will meet.";
    public static final String BATCH_MEMORY = "A mini-batch too large exhausts memory and slows or crashes training.";
    public static final String LEARNING_RATE = "Check the learning rate: too small learns slowly, too large is unstable.";
    public static final String LOSS_COMPUTATION = "Check the loss computation: a sign error makes gradients meaningless.";
    public static final String INITIALIZATION = "Check initialization if you changed it.";
    public static final String CAPACITY = "Increase capacity if the model is too weak for the task.";
    public static final String SIMPLIFY = "Simplify: fewer layers until it stops overfitting, then grow slowly.";
    public static final String REGULARIZE = "Regularize: weight decay, dropout, batch norm; they can also cost accuracy,"
            + " so use them only when needed.";
    public static final String AUGMENT = "Augment data that has symmetry.";
    public static final String PARAMETERS_GET_GRADIENTS = "The optimizer must be given the model's parameters.";

    private Tips() {
    }
}
