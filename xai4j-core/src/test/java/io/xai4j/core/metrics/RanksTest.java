package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RanksTest {

    @Test
    void argsortIsDescendingWithTiesByAscendingIndexAndNanLast() {
        float[] values = {0.5f, Float.NaN, 0.9f, 0.5f, -0f, 0f, -1f, 0.5f};
        assertArrayEquals(new int[] {2, 0, 3, 7, 4, 5, 6, 1}, Ranks.argsortDescending(values),
                "0.9 first, the three 0.5 by index, −0 ties +0, NaN last");
    }

    @Test
    void argsortOfMapIsRowMajor() {
        float[][] map = {{0f, 1f}, {1f, 0.5f}};
        assertArrayEquals(new int[] {1, 2, 3, 0}, Ranks.argsortDescending(map));
    }

    @Test
    void averageRanksShareTiedPositions() {
        assertArrayEquals(new double[] {2, 3.5, 3.5, 1}, Ranks.averageRanks(new double[] {10, 20, 20, 5}), 0);
    }

    @Test
    void spearmanMatchesScipyWithTies() {
        // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]).correlation
        assertEquals(0.8207826816681233, Ranks.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}), 1e-12);
        assertEquals(-1, Ranks.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-12, "monotone decreasing");
    }

    @Test
    void spearmanOfConstantInputIsUndefined() {
        assertTrue(Double.isNaN(Ranks.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})), "constant → NaN");
    }
}
