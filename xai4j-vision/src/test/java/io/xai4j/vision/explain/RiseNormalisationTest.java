package io.xai4j.vision.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.model.Classifier;
import org.junit.jupiter.api.Test;

/**
 * RISE's scale (docs/methods/rise.md) on a model whose logits are all zero: every masked image scores 1/C under
 * softmax (0.5 under sigmoid) and the masks keep a pixel with probability p on average, so
 * S = 1/(N·p) Σ score·M ≈ score everywhere; TorchRay's normalisation by N alone gives score·p.
 */
class RiseNormalisationTest {

    private static final int C = 4;

    private static final Classifier ZERO = new Classifier() {
        @Override
        public NDArray logits(NDArray inputs) {
            return inputs.getManager().zeros(new Shape(inputs.getShape().get(0), C));
        }

        @Override
        public int numClasses() {
            return C;
        }
    };

    /** Mean of raw over the pixels, after checking every pixel is within {@code tolerance} of {@code expected}. */
    private static double meanRaw(Rise rise, double expected, double tolerance) {
        try (NDManager m = NDManager.newBaseManager()) {
            Attribution a = rise.explain(m.zeros(new Shape(1, 3, 16, 16)), new int[] {2});
            double sum = 0;
            for (float[] row : a.raw()[0]) {
                for (float v : row) {
                    assertEquals(expected, v, tolerance);
                    sum += v;
                }
            }
            return sum / (16 * 16);
        }
    }

    @Test
    void paperNormalisationGivesTheScoreWhateverTheKeepProbability() {
        for (double p : new double[] {0.5, 0.3}) {
            Rise rise = Rise.builder().setModel(ZERO).optNumMasks(2000).optKeepProbability(p).optSeed(1).build();
            // a grid cell kept with probability 1 − p instead of p would give (1 − p)/p · 1/C (2.3× for p = 0.3)
            assertEquals(1.0 / C, meanRaw(rise, 1.0 / C, 0.05), 0.01, "p = " + p);
        }
    }

    @Test
    void torchrayNormalisationDividesByTheMaskCountOnly() {
        Rise softmax = Rise.builder().setModel(ZERO).optNumMasks(2000).optSeed(1).optTorchrayNormalisation(true).build();
        assertEquals(0.5 / C, meanRaw(softmax, 0.5 / C, 0.03), 0.005);
        Rise torchray = Rise.builder().setModel(ZERO).optNumMasks(2000).optSeed(1).optTorchrayNormalisation(true)
                .optScoreFunction(Rise.ScoreFunction.SIGMOID).build();
        double sigmoid = meanRaw(torchray, 0.25, 0.05);
        assertEquals(0.25, sigmoid, 0.01, "sigmoid(0) · p");
        assertTrue(sigmoid > 0, "not all zero");
    }
}
