package dev.trainbench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkedDoublesTest {

    @Test
    void smallStaysOneSmallArrayAndLargeGrowsByChunksWithoutCopies() {
        ChunkedDoubles d = new ChunkedDoubles(10);
        assertEquals(16, d.capacity());
        int n = 3 * ChunkedDoubles.CHUNK + 123;
        for (int i = 0; i < n; i++) {
            d.ensure(i + 1);
            d.set(i, i * 0.5);
        }
        // no slack beyond one chunk, where a doubling array would hold 4 * CHUNK (and had 2 * CHUNK copied)
        assertEquals(4 * ChunkedDoubles.CHUNK, d.capacity());
        for (int i = 0; i < n; i++) {
            assertEquals(i * 0.5, d.get(i));
        }
        double[] all = d.toArray(n);
        assertEquals(n, all.length);
        assertEquals((n - 1) * 0.5, all[n - 1]);
        assertEquals(ChunkedDoubles.CHUNK, d.lowerBound(n, ChunkedDoubles.CHUNK * 0.5));
        assertEquals(ChunkedDoubles.CHUNK + 1, d.upperBound(n, ChunkedDoubles.CHUNK * 0.5));
        d.trim(10);
        assertEquals(ChunkedDoubles.CHUNK, d.capacity());
        assertEquals(4.5, d.get(9));
    }

    @Test
    void copiesInAndOut() {
        double[] src = new double[ChunkedDoubles.CHUNK * 2 + 7];
        for (int i = 0; i < src.length; i++) {
            src[i] = -i;
        }
        ChunkedDoubles a = new ChunkedDoubles(0);
        a.copyFrom(src, src.length);
        assertArrayEquals(src, a.toArray(src.length));
        ChunkedDoubles b = new ChunkedDoubles(0);
        b.copyFrom(a, src.length);
        assertArrayEquals(src, b.toArray(src.length));
        ChunkedDoubles small = new ChunkedDoubles(0);
        small.copyFrom(new double[] {1, 2, 3}, 3);
        ChunkedDoubles c = new ChunkedDoubles(0);
        c.copyFrom(small, 3);
        assertArrayEquals(new double[] {1, 2, 3}, c.toArray(3));
        assertTrue(c.capacity() >= 3);
    }

    @Test
    void aSeriesOfAMillionPointsHoldsLittleMoreThanItsValues() {
        SeriesBuffer b = new SeriesBuffer(16, 0.6, SeriesBuffer.UNBOUNDED);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            b.append(i, Math.sin(i));
        }
        // x, y and smoothed: 24 bytes a point, plus at most one chunk of each
        assertTrue(b.bytes() <= 24L * n + 3L * 8 * ChunkedDoubles.CHUNK, b.bytes() + " bytes");
        assertEquals(Math.sin(777_777), b.y(777_777));
        assertEquals(777_777, b.x(777_777));
    }
}
