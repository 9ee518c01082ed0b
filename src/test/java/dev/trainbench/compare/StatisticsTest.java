package dev.trainbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    static List<Double> list(double... v) {
        return Arrays.stream(v).boxed().toList();
    }

    /** Values from scipy.stats.ttest_ind(a, b, equal_var=False) (scipy 1.17), the first also Wikipedia's example. */
    @Test
    void welchMatchesPublishedValues() {
        WelchTest w = WelchTest.of(
                Summary.of(list(27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4)),
                Summary.of(list(27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4)));
        assertEquals(-2.455356398286006, w.t(), 1e-12);
        assertEquals(24.988529290231416, w.df(), 1e-9);
        assertEquals(0.021378001462866992, w.p(), 1e-9);
        assertTrue(w.significant());

        WelchTest ramp = WelchTest.of(Summary.of(list(1, 2, 3, 4, 5)), Summary.of(list(2, 4, 6, 8, 10)));
        assertEquals(-1.8973665961010275, ramp.t(), 1e-12);
        assertEquals(5.882352941176471, ramp.df(), 1e-9);
        assertEquals(0.10753119493062728, ramp.p(), 1e-9);
        assertFalse(ramp.significant());

        WelchTest seeds = WelchTest.of(Summary.of(list(0.971, 0.969, 0.973)), Summary.of(list(0.962, 0.966, 0.961)));
        assertEquals(4.177863742936748, seeds.t(), 1e-9);
        assertEquals(3.7230769230769236, seeds.df(), 1e-9);
        assertEquals(0.01618008317446151, seeds.p(), 1e-9);

        WelchTest unequal = WelchTest.of(Summary.of(list(0.5, 0.7)), Summary.of(list(0.4, 0.41, 0.43, 0.39)));
        assertEquals(1.014618519854068, unequal.df(), 1e-9);
        assertEquals(0.3031873475483453, unequal.p(), 1e-9);
    }

    @Test
    void welchAgreesWithCommonsMathsOwnTest() {
        double[] a = {0.91, 0.93, 0.90, 0.95};
        double[] b = {0.88, 0.90, 0.86};
        WelchTest w = WelchTest.of(Summary.of(list(a)), Summary.of(list(b)));
        assertEquals(new TTest().t(a, b), w.t(), 1e-12);
        assertEquals(new TTest().tTest(a, b), w.p(), 1e-12);
    }

    @Test
    void aGroupOfOneHasNoSpreadAndNoTest() {
        Summary one = Summary.of(list(0.97));
        assertEquals(1, one.n());
        assertFalse(one.hasSpread());
        assertTrue(Double.isNaN(one.sd()));
        assertEquals("97.00 % (n=1, no spread)", one.format(true));
        assertNull(WelchTest.of(one, Summary.of(list(0.9, 0.91))));
    }

    @Test
    void summaryLeavesMissingValuesOut() {
        Summary s = Summary.of(Arrays.asList(0.5, null, Double.NaN, 0.7));
        assertEquals(2, s.n());
        assertEquals(0.6, s.mean(), 1e-12);
        assertEquals(Math.sqrt(0.02), s.sd(), 1e-12);
        assertEquals("0.6000 ± 0.1414 (n=2, 0.5000–0.7000)", s.format(false));
        assertNull(Summary.of(Arrays.asList(null, Double.NaN)));
    }

    @Test
    void identicalValuesOnBothSidesGiveNoTest() {
        assertNull(WelchTest.of(Summary.of(list(0.5, 0.5)), Summary.of(list(0.6, 0.6))));
    }
}
