package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class OcclusionFidelityTest {

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void probabilityDropAndAccuracyDropOfLinearModel() {
        // logits = (Σ x, 0): P(class 0) = sigmoid(Σ x)
        float[][][] weights = {{{1, 1, 1, 1}, {0, 0, 0, 0}}};
        try (StubModels.Linear model = new StubModels.Linear(weights); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(new float[] {1, 2, 3, 4, 1, 1, 1, -2}, new Shape(2, 1, 2, 2));
            float[][][] maps = {{{0.9f, 0.1f}, {0.6f, 0.5f}}, {{1f, 0.7f}, {0.8f, 0f}}};
            OcclusionFidelityResult r = OcclusionFidelity.builder().build()
                    .evaluate(model, images, maps, new int[] {0, 0}, null);
            // S = {map > 0.5}: image 0 keeps 2 + 4 = 6, image 1 keeps −2 (now class 1)
            assertArrayEquals(new double[] {sigmoid(10) - sigmoid(6), sigmoid(1) - sigmoid(-2)}, r.result().values(), 1e-6);
            assertEquals(1.0, r.accuracy(), "both originals predicted as their target");
            assertEquals(0.5, r.occludedAccuracy(), "occluding image 1 flips it to class 1");
            assertEquals(0.5, r.accuracyDrop(), 1e-12);

            OcclusionFidelityResult top = OcclusionFidelity.builder().optTopK(0.25).optForwardBatch(1).build()
                    .evaluate(model, images, maps, new int[] {0, 0}, new int[] {1, 0});
            assertArrayEquals(new double[] {sigmoid(10) - sigmoid(9), sigmoid(1) - sigmoid(0)}, top.result().values(), 1e-6,
                    "top ⌈0.25·4⌉ = 1 pixel");
            assertEquals(0.5, top.accuracy(), "labels (1, 0): only image 1 is right");
        }
    }
}
