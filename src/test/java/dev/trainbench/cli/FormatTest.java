package dev.trainbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The command line's number cells and terminal-safe output, written without a Formatter per cell. */
class FormatTest {

    @Test
    void fixedWritesWhatStringFormatWritesForEveryMagnitudeAndEdge() {
        Random random = new Random(7);
        double[] edges = {0, -0.0, 0.5, 1.005, 2.675, 0.125, 0.135, 99.995, 99.9949999, 1e-9, -1e-9, -0.004, 123456789.125,
            1e17, 5e-324, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.05, 0.15, 0.25, 0.35};
        for (int decimals = 0; decimals <= 4; decimals++) {
            for (double v : edges) {
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Format.fixed(v, decimals), "v=" + v);
            }
            for (int i = 0; i < 20_000; i++) {
                double v = switch (i % 4) {
                    case 0 -> random.nextDouble();
                    case 1 -> 100 * random.nextDouble();
                    case 2 -> Math.round(random.nextDouble() * 100_000) / 1000.0 + 0.0005; // ties at the last digit
                    default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(16) - 6);
                };
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Format.fixed(v, decimals), "v=" + v);
            }
        }
    }

    @Test
    void theTableCellsAreAsBefore() {
        assertEquals("96.84%", Format.pct(0.9684));
        assertEquals("-", Format.pct(null));
        assertEquals("29.0s", Format.seconds(29.0));
        assertEquals("2m05s", Format.seconds(125.4));
        assertEquals("118.3k", Format.count(118_282L));
        assertEquals("1.2M", Format.count(1_234_567L));
        assertEquals("9999", Format.count(9999L));
    }

    @Test
    void terminalSafeOutputEscapesControlCharactersInWholeStringsAndArrays() {
        StringWriter w = new StringWriter();
        var out = Format.terminalSafe(w);
        out.print("run \u001b[2Jname\tx\n");
        out.write("ab\u0007c".toCharArray(), 1, 3);
        out.print('\u202e');
        out.flush();
        assertEquals("run \\e[2Jname\\tx\nb\\ac\\u202e", w.toString());
    }
}
