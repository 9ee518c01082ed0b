package dev.trainbench.diagnose;

/**
 * One diagnosis rule. {@link #state} is evaluated often (live: every step) and must be cheap and
 * allocate nothing: it returns 0 when the rule has nothing to say, else a small code for what it
 * found (the variant and severity). {@link #build} turns a code into a finding with the numbers;
 * it is called only when some code changed, at epoch ends and at the end of a run.
 */
abstract class Rule {

    abstract String id();

    abstract int state(Context c);

    abstract Finding build(Context c, int state);
}
