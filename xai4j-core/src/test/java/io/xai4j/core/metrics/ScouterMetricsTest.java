package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SCOUTER precision and area size (docs/methods/image-metrics.md#scouter-precision, #area-size) on hand-computed 3×3 cases. */
class ScouterMetricsTest {

    private static final float[][] MAP = {{0, 1, 2}, {3, 4, 0}, {0, 0, 0}}; // Σ = 10

    @Test
    void precisionIsTheMassShareInsideTheMaskOrTheBestBox() {
        boolean[][] mask = {{false, true, true}, {false, false, false}, {false, false, false}}; // 1 + 2 = 3
        MetricResult m = new ScouterPrecision().evaluate(new float[][][] {MAP, new float[3][3]}, new boolean[][][] {mask, mask});
        assertEquals(0.3, m.values()[0], 1e-12);
        assertTrue(Double.isNaN(m.values()[1]), "Σ M = 0 → NaN");
        assertEquals(Direction.HIGHER, m.direction());
        // boxes {x0, y0, x1, y1}, x1/y1 exclusive: [0,2)×[1,2) = 3 + 4 = 7; [2,3)×[0,1) = 2; the best is 0.7
        MetricResult b = new ScouterPrecision().evaluateBoxes(new float[][][] {MAP, MAP}, new int[][][] {{{0, 1, 2, 2}, {2, 0, 3, 1}}, {}});
        assertEquals(0.7, b.values()[0], 1e-12);
        assertTrue(Double.isNaN(b.values()[1]), "no box → NaN");
        // boxes are clipped to the map
        assertEquals(1.0, new ScouterPrecision().evaluateBoxes(new float[][][] {MAP}, new int[][][] {{{-5, -5, 9, 9}}}).values()[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ScouterPrecision().evaluateBoxes(new float[][][] {MAP}, new int[][][] {{{0, 0, 1}}}));
    }

    @Test
    void areaSizeIsTheMeanAndTheUint8VariantTruncates() {
        float[][] m = {{0, 0.5f, 1}, {0.2f, 0, 0}, {0, 0, 0.3f}}; // Σ = 2.0
        MetricResult plain = new AreaSize().evaluate(new float[][][] {m});
        assertEquals(2.0 / 9, plain.values()[0], 1e-7);
        assertEquals(Direction.LOWER, plain.direction());
        // ⌊255·m⌋: 0 + 127 + 255 + 51 + 0 + 0 + 0 + 0 + 76 = 509 → 509 / (9·255)
        assertEquals(509.0 / (9 * 255), new AreaSize(true).evaluate(new float[][][] {m}).values()[0], 1e-12);
    }
}
