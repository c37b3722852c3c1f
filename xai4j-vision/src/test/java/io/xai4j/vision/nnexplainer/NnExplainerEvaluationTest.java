package io.xai4j.vision.nnexplainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.model.CnnClassifier;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The masked-image probabilities and the class-specific table against slow per-image loops; the table's accumulation by hand. */
class NnExplainerEvaluationTest {

    private static final int B = 3, C = Tiny.CLASSES, H = Tiny.SIZE, W = Tiny.SIZE;

    /** softmax(f(mask ⊙ x_b))[t] with the masking done here in Java, one image per forward pass. */
    private static double slow(CnnClassifier f, float[] x, int b, float[][] mask, int t) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] one = new float[3 * H * W];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < H; y++) {
                    for (int z = 0; z < W; z++) {
                        one[(c * H + y) * W + z] = x[((b * 3 + c) * H + y) * W + z] * mask[y][z];
                    }
                }
            }
            float[] logits = f.logits(m.create(one, new Shape(1, 3, H, W))).toFloatArray();
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (float v : logits) {
                max = Math.max(max, v);
            }
            for (float v : logits) {
                sum += Math.exp(v - max);
            }
            return Math.exp(logits[t] - max) / sum;
        }
    }

    private static float[][][][] randomMaps(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][][][] maps = new float[B][C][H][W];
        for (float[][][] a : maps) {
            for (float[][] b : a) {
                for (float[] row : b) {
                    for (int i = 0; i < W; i++) {
                        row[i] = (float) r.nextDouble();
                    }
                }
            }
        }
        return maps;
    }

    @Test
    void maskedProbabilityIsTheClassifiersSoftmaxOnTheMaskedNormalisedImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier f = Tiny.classifier(m, 1);
            NDArray x = Tiny.images(m, B, H, W, 2);
            float[] flat = x.toFloatArray();
            float[][][] masks = {randomMaps(3)[0][0], randomMaps(3)[1][1], randomMaps(3)[2][2]};
            int[] targets = {2, 0, 1};
            double[] p = NnExplainerEvaluation.maskedProbability(f, x, masks, targets);
            for (int b = 0; b < B; b++) {
                assertEquals(slow(f, flat, b, masks[b], targets[b]), p[b], 1e-6, "image " + b);
            }
        }
    }

    @Test
    void classSpecificRowsAverageTheNineBinarisedMasksAndEndWithTheUnmaskedImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            CnnClassifier f = Tiny.classifier(m, 1);
            NDArray x = Tiny.images(m, B, H, W, 4);
            float[] flat = x.toFloatArray();
            float[][][][] maps = randomMaps(5);
            int[] labels = {1, 2, 1};
            double[][] rows = NnExplainerEvaluation.classSpecificRows(f, x, maps, labels);
            float[][] ones = new float[H][W];
            for (float[] row : ones) {
                java.util.Arrays.fill(row, 1f);
            }
            for (int b = 0; b < B; b++) {
                for (int k = 0; k < C; k++) {
                    double sum = 0;
                    for (double t : MaskMetrics.THRESHOLDS) {
                        float[][] bin = new float[H][W];
                        for (int y = 0; y < H; y++) {
                            for (int z = 0; z < W; z++) {
                                bin[y][z] = maps[b][k][y][z] > (float) t ? 1 : 0;
                            }
                        }
                        sum += slow(f, flat, b, bin, labels[b]);
                    }
                    assertEquals(sum / 9, rows[b][k], 1e-6, "image " + b + ", mask class " + k);
                }
                assertEquals(slow(f, flat, b, ones, labels[b]), rows[b][C], 1e-6, "the none column");
            }
            // batch-vs-single parity: image 1 alone gives its row of the batch
            double[][] single = NnExplainerEvaluation.classSpecificRows(f, x.get("1:2"), new float[][][][] {maps[1]}, new int[] {labels[1]});
            assertArrayEquals(rows[1], single[0], 1e-6);
        }
    }

    @Test
    void theTableAveragesRowsPerTrueClassAndChecksTheDiagonal() {
        NnExplainerEvaluation.ClassTable t = new NnExplainerEvaluation.ClassTable(List.of("a", "b"));
        t.add(new double[][] {{0.8, 0.1, 0.9}, {0.6, 0.3, 0.7}, {0.2, 0.5, 0.6}}, new int[] {0, 0, 1});
        double[][] means = t.means();
        assertArrayEquals(new double[] {0.7, 0.2, 0.8}, means[0], 1e-12);
        assertArrayEquals(new double[] {0.2, 0.5, 0.6}, means[1], 1e-12);
        assertArrayEquals(new int[] {2, 1}, t.counts());
        assertTrue(t.diagonalDominant());
        assertArrayEquals(new double[] {0.6, 0.2}, t.diagonalAndOffDiagonalMeans(), 1e-12);
        t.add(new double[][] {{0.0, 2.0, 0.0}}, new int[] {0}); // row a: (0.7·2 + 0) / 3 = 0.467 < (0.4 + 2) / 3 = 0.8
        assertFalse(t.diagonalDominant());
    }

    /**
     * A baseline's class masks come from its every-class explanation, whose rows are class-major (row k·B + b): a fake
     * explainer whose map names its class and image, [0, 10·k + b, 100] min–max normalised, must land at [b][k].
     */
    @Test
    void baselineClassMasksReadTheClassMajorRows() {
        io.xai4j.core.explain.Explainer fake = new io.xai4j.core.explain.Explainer() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public int numClasses() {
                return C;
            }

            @Override
            public io.xai4j.core.explain.Attribution explain(NDArray images, int[] targets) {
                float[] first = images.get(":, 0, 0, 0").toFloatArray(); // image b is filled with the value b
                float[][][] raw = new float[targets.length][1][];
                for (int i = 0; i < targets.length; i++) {
                    raw[i][0] = new float[] {0, 10 * targets[i] + first[i], 100};
                }
                return io.xai4j.core.explain.Attribution.of(name(), raw, 1, 3, new float[targets.length][C], targets, null, java.util.Map.of());
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            float[] pixels = new float[B * 3];
            for (int b = 0; b < B; b++) {
                java.util.Arrays.fill(pixels, b * 3, b * 3 + 3, b);
            }
            float[][][][] masks = NnExplainerEvaluation.of(fake, C).classMasks().apply(m.create(pixels, new Shape(B, 3, 1, 1)));
            assertEquals(B, masks.length);
            for (int b = 0; b < B; b++) {
                assertEquals(C, masks[b].length);
                for (int k = 0; k < C; k++) {
                    assertEquals((10 * k + b) / 100.0, masks[b][k][0][1], 1e-6, "image " + b + ", class " + k);
                }
            }
        }
    }
}
