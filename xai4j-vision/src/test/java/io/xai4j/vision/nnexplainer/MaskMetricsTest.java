package io.xai4j.vision.nnexplainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The mask metrics of docs/methods/nn-explainer.md, §7, on a 2×2 case computed by hand. */
class MaskMetricsTest {

    private static final float[][] M = {{0.9f, 0.2f}, {0.6f, 0.0f}};
    private static final boolean[][] S = {{true, false}, {true, true}};

    @Test
    void continuousIouSoftAccuracyAndMaeByHand() {
        // min(m,s) = 0.9 + 0 + 0.6 + 0 = 1.5; max(m,s) = 1 + 0.2 + 1 + 1 = 3.2
        assertEquals(1.5 / 3.2, MaskMetrics.continuousIou(M, S), 1e-6);
        // tp = 0.9 + 0.6 + 0 = 1.5, tn = 0.8, fp = 0.2, fn = 0.1 + 0.4 + 1 = 1.5
        assertEquals((1.5 + 0.8) / 4.0, MaskMetrics.softAccuracy(M, S), 1e-6);
        // |m - s| = 0.1 + 0.2 + 0.4 + 1 = 1.7
        assertEquals(1.7 / 4, MaskMetrics.mae(M, S), 1e-6);
        assertEquals(1 - MaskMetrics.softAccuracy(M, S), MaskMetrics.mae(M, S), 1e-6, "MAE = 1 - soft accuracy for a binary ground truth");
        assertEquals(1.7 / 4, MaskMetrics.mean(M), 1e-6);
    }

    @Test
    void discreteIouAveragesTheNineThresholds() {
        // compared in single precision as PyTorch does: 0.2f is not above 0.2f, 0.6f not above 0.6f
        // t = 0.1: m > t = {0.9, 0.2, 0.6} -> inter 2 (0.9, 0.6), union 4 -> 0.5
        // t = 0.2 .. 0.5: {0.9, 0.6} -> inter 2, union 3 -> 2/3 (4 thresholds)
        // t = 0.6 .. 0.8: {0.9} -> inter 1, union 3 -> 1/3 (3 thresholds); t = 0.9: {} -> 0 / 3
        double expected = (0.5 + 4 * 2.0 / 3 + 3 * 1.0 / 3 + 0) / 9;
        assertEquals(expected, MaskMetrics.discreteIou(M, S), 1e-9);
        boolean[][] empty = new boolean[2][2];
        assertEquals(0.0, MaskMetrics.discreteIou(new float[2][2], empty), 0.0, "empty mask and empty ground truth score 0, as coded officially");
    }

    @Test
    void saliencyClampsTheAreaAndTheProbability() {
        assertEquals(Math.log(0.3) - Math.log(0.8), MaskMetrics.saliency(0.3, 0.8), 1e-12);
        assertEquals(Math.log(0.05) - Math.log(0.8), MaskMetrics.saliency(0.01, 0.8), 1e-12, "areas below 0.05 count as 0.05");
        assertEquals(Math.log(0.3) - Math.log(1e-12), MaskMetrics.saliency(0.3, 0), 1e-9);
    }

    @Test
    void refusesMasksOfAnotherSize() {
        assertThrows(IllegalArgumentException.class, () -> MaskMetrics.continuousIou(M, new boolean[3][2]));
    }
}
