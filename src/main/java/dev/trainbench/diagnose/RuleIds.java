package dev.trainbench.diagnose;

import java.util.List;

/** The stable ids of the diagnosis rules: findings, files, scripts and tests refer to them. */
public final class RuleIds {
    public static final String LR_TOO_HIGH = "lr-too-high";
    public static final String LOSS_FLAT = "loss-flat";
    public static final String OVERFITTING = "overfitting";
    public static final String UNDERFITTING = "underfitting";
    public static final String VANISHING_GRADIENTS = "vanishing-gradients";
    public static final String EXPLODING_GRADIENTS = "exploding-gradients";
    public static final String DEAD_RELU = "dead-relu";
    public static final String UNSCALED_INPUTS = "unscaled-inputs";
    public static final String CLASS_IMBALANCE = "class-imbalance";
    public static final String NO_SHUFFLE_ORDERED_DATA = "no-shuffle-ordered-data";
    public static final String SYMMETRIC_INIT = "symmetric-init";
    public static final String MEMORY = "memory";
    /** First-batch check: the loss before any update against ln C. */
    public static final String INITIAL_LOSS = "initial-loss";
    /** First-batch check: a parameter that received no gradient. */
    public static final String NO_GRADIENT = "no-gradient";
    /** Pre-run check (Check...): a model that cannot memorize one small batch. */
    public static final String OVERFIT_ONE_BATCH = "overfit-one-batch";
    /** Pre-run check (Check...): a model that learns as well from zeroed inputs. */
    public static final String INPUT_INDEPENDENT = "input-independent";

    /** The rules that read a run (live or from its files), in the order findings are listed. */
    public static final List<String> RUN_RULES = List.of(MEMORY, LR_TOO_HIGH, SYMMETRIC_INIT, DEAD_RELU,
            VANISHING_GRADIENTS, EXPLODING_GRADIENTS, LOSS_FLAT, NO_SHUFFLE_ORDERED_DATA, UNSCALED_INPUTS,
            CLASS_IMBALANCE, OVERFITTING, UNDERFITTING);

    private RuleIds() {
    }
}
