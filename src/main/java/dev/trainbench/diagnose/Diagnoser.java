package dev.trainbench.diagnose;

import dev.trainbench.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs every rule over one run: feed its {@link #evidence()} (live, or from the run's files), call
 * {@link #update()} after each step ({@link #refresh()} after each epoch, {@link #end()} at the end)
 * and read {@link #findings()}. {@link #update()} allocates nothing unless a rule's verdict changed.
 *
 * <p>One cause, one finding: when a rule names the cause of what another sees, the other is left out
 * (a loss that blew up explains a flat loss, exploding and vanishing gradients and a high final
 * loss; zero initialization explains dead units and a flat loss; vanishing gradients explain a flat
 * loss; an ordered, unshuffled training set explains poor fitting).
 */
public final class Diagnoser {
    private static final Rule[] RULES = {new MemoryRule(), new LrTooHigh(), new SymmetricInit(), new DeadRelu(),
            new VanishingGradients(), new ExplodingGradients(), new LossFlat(), new NoShuffleOrderedData(),
            new UnscaledInputs(), new ClassImbalance(), new Overfitting(), new Underfitting()};
    private static final int MEMORY = 0;
    private static final int LR = 1;
    private static final int SYMMETRIC = 2;
    private static final int DEAD = 3;
    private static final int VANISHING = 4;
    private static final int EXPLODING = 5;
    private static final int FLAT = 6;
    private static final int NO_SHUFFLE = 7;
    private static final int OVERFITTING = 10;
    private static final int UNDERFITTING = 11;

    private final RunEvidence evidence;
    private Context context;
    private final int[] states = new int[RULES.length];
    private final int[] shown = new int[RULES.length];
    private List<Finding> findings = List.of();

    /**
     * @param data          null when the data is unknown (data rules stay silent)
     * @param memory        null when not estimated
     * @param stepsPerEpoch steps of one epoch (0 if unknown)
     * @param plannedEpochs the spec's epochs
     */
    public Diagnoser(ExperimentSpec spec, ModelFacts model, DataFacts data, MemoryEstimate memory, long stepsPerEpoch,
                     int plannedEpochs) {
        Objects.requireNonNull(spec);
        Objects.requireNonNull(model);
        this.evidence = new RunEvidence(model.groups().size());
        this.context = new Context(spec, model, data, memory, evidence, stepsPerEpoch, plannedEpochs, false);
        Arrays.fill(shown, -1);
    }

    /** The run's evidence, to feed. */
    public RunEvidence evidence() {
        return evidence;
    }

    /** Re-checks every rule; rebuilds the findings only when a verdict changed. True when they changed. */
    public boolean update() {
        evaluate();
        if (Arrays.equals(states, shown)) {
            return false;
        }
        rebuild();
        return true;
    }

    /** Re-checks every rule and rebuilds the findings with the latest numbers. True when they changed. */
    public boolean refresh() {
        evaluate();
        List<Finding> before = findings;
        rebuild();
        return !before.equals(findings);
    }

    /** The run has ended: the rules that judge a whole run (e.g. underfitting) speak now. True when the findings changed. */
    public boolean end() {
        context = context.ended(true);
        return refresh();
    }

    /** The current findings, most severe first. */
    public List<Finding> findings() {
        return findings;
    }

    /** The loss exploded and did not come back: the run should end as diverged, not completed. */
    public boolean diverged() {
        int s = states[LR];
        return s == LrTooHigh.EXPLODED_NOT_RECOVERED || s == LrTooHigh.NON_FINITE;
    }

    /** The loss exploded and no gradient reaches the hidden layers any more: nothing can change; stop now. */
    public boolean unrecoverable() {
        return LrTooHigh.unrecoverable(context);
    }

    /** The lr-too-high finding's message (why the run diverged), or null. */
    public String divergedMessage() {
        return findings.stream().filter(f -> f.rule().equals(RuleIds.LR_TOO_HIGH)).map(Finding::message).findFirst()
                .orElse(null);
    }

    private void evaluate() {
        for (int i = 0; i < RULES.length; i++) {
            states[i] = RULES[i].state(context);
        }
        int lr = states[LR];
        boolean blewUp = lr == LrTooHigh.NON_FINITE || lr == LrTooHigh.EXPLODED_NOT_RECOVERED
                || lr == LrTooHigh.EXPLODED_UNDECIDED || lr == LrTooHigh.EXPLODED_PARTLY;
        if (blewUp) {
            states[FLAT] = 0;
            states[EXPLODING] = 0;
            states[VANISHING] = 0;
            states[UNDERFITTING] = 0;
        }
        if (states[SYMMETRIC] != 0) {
            states[FLAT] = 0;
            states[DEAD] = 0;
            states[VANISHING] = 0;
            states[UNDERFITTING] = 0;
        }
        if (lr == LrTooHigh.REPEATED_SPIKES || lr == LrTooHigh.EXPLODED_RECOVERED) {
            states[UNDERFITTING] = 0; // its epoch means are inflated by the spikes
        }
        if (states[VANISHING] != 0) {
            states[FLAT] = 0;
            states[UNDERFITTING] = 0;
        }
        if (states[DEAD] != 0 && mostlyDead()) {
            states[FLAT] = 0;
            states[UNDERFITTING] = 0;
        }
        if (states[NO_SHUFFLE] != 0) {
            states[UNDERFITTING] = 0;
            states[OVERFITTING] = 0;
        }
        if (states[MEMORY] != 0 && context.memory() == null) {
            states[MEMORY] = 0;
        }
    }

    private boolean mostlyDead() {
        int l = DeadRelu.worst(evidence);
        return l >= 0 && evidence.deadFraction(l) >= DeadRelu.MOSTLY_DEAD;
    }

    private void rebuild() {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < RULES.length; i++) {
            if (states[i] != 0) {
                Finding f = RULES[i].build(context, states[i]);
                if (f != null) {
                    out.add(withoutNoOps(f));
                }
            }
        }
        out.sort(Comparator.comparing(Finding::severity).reversed());
        System.arraycopy(states, 0, shown, 0, states.length);
        findings = List.copyOf(out);
    }

    /** Drops a suggested change that would not change anything (the spec already has that value). */
    static Finding withoutNoOps(Finding f) {
        List<TryThis> changes = new ArrayList<>();
        for (TryThis t : f.changes()) {
            if (!t.value().equals(t.from())) {
                changes.add(t);
            }
        }
        TryThis first = changes.isEmpty() ? null : changes.get(0);
        List<TryThis> rest = changes.size() > 1 ? changes.subList(1, changes.size()) : List.of();
        if (Objects.equals(first, f.tryThis()) && rest.equals(f.alternatives())) {
            return f;
        }
        return new Finding(f.rule(), f.severity(), f.title(), f.message(), f.evidence(), f.tip(), first, rest);
    }

    /** What the NaN/Inf guard says when it ends a run: the lr-too-high rule's words. */
    public static String nonFiniteLoss(long step, int epoch, double loss, double lr, boolean clipped) {
        return LrTooHigh.nonFiniteMessage(step, epoch, loss, lr, clipped);
    }

    /** The memory finding for an estimate (a warning or a refusal), or null when it fits comfortably. */
    public static Finding memory(ExperimentSpec spec, MemoryEstimate estimate) {
        return estimate.refused() || estimate.tight() ? withoutNoOps(MemoryRule.finding(spec, estimate)) : null;
    }
}
