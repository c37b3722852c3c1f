package io.xai4j.vision.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Targets;
import io.xai4j.core.model.Classifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RISE's every-class explanation ({@link Targets#allClasses()}, one set of masked passes) against its reference,
 * {@link Rise#explain(NDArray, int[])} called once per class with that class as every image's target: the same masks and
 * scores, so the same maps to the bit in the class-major rows of the interface's default layout, on a model whose class
 * scores depend on different pixels (each class's logit is a weighted sum of the input with its own weights).
 */
class RiseEveryClassTest {

    private static final int C = 3, H = 12, W = 10;

    /** logit_k(x) = Σ_i w_k,i · x_i, with w_k a fixed pattern of its own per class. */
    private static final Classifier LINEAR = new Classifier() {
        @Override
        public NDArray logits(NDArray inputs) {
            NDManager m = inputs.getManager();
            int d = 3 * H * W;
            float[] w = new float[d * C];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < C; k++) {
                    w[i * C + k] = (float) Math.sin(0.37 * i * (k + 1) + k);
                }
            }
            NDArray flat = inputs.reshape(inputs.getShape().get(0), d);
            return flat.matMul(m.create(w, new Shape(d, C)));
        }

        @Override
        public int numClasses() {
            return C;
        }
    };

    @Test
    void everyClassFromOnePassEqualsOneCallPerClass() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomUniform(0f, 1f, new Shape(2, 3, H, W));
            Rise rise = Rise.builder().setModel(LINEAR).optNumMasks(50).optBatchSize(16).optGridSize(4).optSeed(7).build();
            Attribution every = rise.explain(images, Targets.allClasses());
            assertEquals(C * 2, every.raw().length);
            assertArrayEquals(Targets.expand(2, C), every.targets(), "class-major targets");
            for (int k = 0; k < C; k++) {
                int[] t = new int[2];
                Arrays.fill(t, k);
                Attribution one = rise.explain(images, t);
                for (int b = 0; b < 2; b++) {
                    int row = k * 2 + b;
                    assertArrayEquals(one.scores()[b], every.scores()[row], "scores, class " + k + ", image " + b);
                    assertEquals(one.targetScores()[b], every.targetScores()[row], "target score, class " + k + ", image " + b);
                    for (int y = 0; y < H; y++) {
                        assertArrayEquals(one.raw()[b][y], every.raw()[row][y], "raw, class " + k + ", image " + b + ", row " + y);
                        assertArrayEquals(one.maps()[b][y], every.maps()[row][y], "maps, class " + k + ", image " + b + ", row " + y);
                    }
                }
            }
            // the classes' maps differ, so the comparison above can tell one class from another
            assertNotEqualRows(every.raw()[0], every.raw()[2]);
        }
    }

    private static void assertNotEqualRows(float[][] a, float[][] b) {
        double diff = 0;
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[y].length; x++) {
                diff += Math.abs(a[y][x] - b[y][x]);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(diff > 1e-3, "class 0 and class 1 give the same map");
    }
}
