package dev.trainbench.compare;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's t-test (two-sided, unequal variances) between two groups' values of one metric: is the
 * difference of the means larger than the run-to-run spread explains? The t distribution is
 * Apache Commons Math's ({@link TDistribution}, the regularized incomplete beta function), checked
 * in the tests against published values.
 *
 * @param t              (mean a - mean b) / sqrt(var a / n a + var b / n b)
 * @param df             Welch–Satterthwaite degrees of freedom
 * @param p              two-sided p-value: the chance of a |t| this large if the means were equal
 * @param meanDifference mean a - mean b
 */
public record WelchTest(double t, double df, double p, double meanDifference) {

    /** The significance level used to call a difference "larger than the seed spread". */
    public static final double ALPHA = 0.05;

    /**
     * The test, or null when it cannot be made: a group with fewer than two values has no spread,
     * and two groups without any spread at all (every run gave the same value) have no
     * distribution to compare.
     */
    public static WelchTest of(Summary a, Summary b) {
        if (a == null || b == null || !a.hasSpread() || !b.hasSpread()) {
            return null;
        }
        double va = a.variance() / a.n();
        double vb = b.variance() / b.n();
        double se2 = va + vb;
        double diff = a.mean() - b.mean();
        if (se2 == 0) {
            return null;
        }
        double t = diff / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1));
        double p = 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
        return new WelchTest(t, df, Math.min(1.0, p), diff);
    }

    /** True when p is below {@link #ALPHA}: the difference is larger than the seed spread explains. */
    public boolean significant() {
        return p < ALPHA;
    }
}
