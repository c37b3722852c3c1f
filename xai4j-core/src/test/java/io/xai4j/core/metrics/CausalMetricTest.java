package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CausalMetricTest {

    private static final double[] SPEC_K1 = {
        0.087958, 0.088896, 0.090474, 0.092191, 0.093489, 0.093982, 0.093489, 0.092191, 0.090474, 0.088896, 0.087958
    };

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void riseKernelReproducesTheSpecTapsToOneMillionth() {
        assertArrayEquals(SPEC_K1, RiseBlur.k1(), 1e-6, "k1 = gaussian_filter(unit impulse, σ=5, reflect) row");
    }

    @Test
    void givenOriginalLogitsGiveTheSameCurvesAsScoringTheOriginalsHere() {
        // the original images' logits computed once by the caller (an evaluation of several methods) must change nothing
        float[][][] weights = {{{1, -2, 0.5f, 3}, {0.2f, 1, -1, 0}, {-0.5f, 0, 2, 1}}};
        try (StubModels.Linear model = new StubModels.Linear(weights); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(new float[] {1, 2, -3, 4, 0.5f, -1, 2, 0}, new Shape(2, 1, 2, 2));
            float[][][] maps = randomMaps(2, 2, 2, 3);
            float[][] logits = io.xai4j.core.runtime.Tensors.toArray2(model.logits(images));
            for (CausalMetric metric : new CausalMetric[] {DeletionAuc.builder().optStep(1).build(), InsertionAuc.builder().optStep(1).build()}) {
                CurveResult here = metric.evaluate(model, images, maps, null);
                CurveResult given = metric.evaluate(model, images, maps, null, logits);
                assertArrayEquals(here.classes(), given.classes(), metric.name() + ": top-1 classes");
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(here.curves()[i], given.curves()[i], 0, metric.name() + ": curve of image " + i);
                }
            }
        }
    }

    @Test
    void constantProbabilityModelGivesThatProbabilityAsAuc() {
        Classifier model = StubModels.constant((float) Math.log(0.7), (float) Math.log(0.2), (float) Math.log(0.1));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(2, 3, 4, 4));
            float[][][] maps = randomMaps(2, 4, 4, 1);
            for (CausalMetric metric : new CausalMetric[] {DeletionAuc.builder().build(), InsertionAuc.builder().build()}) {
                CurveResult r = metric.evaluate(model, images, maps, null);
                assertArrayEquals(new double[] {0.7, 0.7}, r.result().values(), 1e-6, r.result().metric() + " of a constant model");
                assertEquals(5, r.curves()[0].length, "n = ceil(16/4) = 4 steps → 5 points");
                assertArrayEquals(new int[] {0, 0}, r.classes(), "top-1 class of the constant model");
            }
        }
    }

    @Test
    void deletionCurveOfLinearModelFollowsStableDescendingPixelOrder() {
        // logits = (Σ x, 0): P(class 0) = sigmoid(Σ x); map ties (0.5, 0.5) are visited by ascending index
        float[][][] weights = {{{1, 1, 1, 1}, {0, 0, 0, 0}}};
        try (StubModels.Linear model = new StubModels.Linear(weights); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            float[][][] maps = {{{0.1f, 0.9f}, {0.5f, 0.5f}}};
            CurveResult r = DeletionAuc.builder().optStep(1).build().evaluate(model, images, maps, null);
            double[] expected = {sigmoid(10), sigmoid(8), sigmoid(5), sigmoid(1), sigmoid(0)};
            assertArrayEquals(expected, r.curves()[0], 1e-6, "delete pixel 1, then 2, 3 (tie by index), then 0");
            double auc = (expected[0] / 2 + expected[1] + expected[2] + expected[3] + expected[4] / 2) / 4;
            assertEquals(auc, r.result().values()[0], 1e-6, "trapezoid AUC on [0,1]");
            assertEquals(Direction.LOWER, r.result().direction());

            CurveResult byRow = DeletionAuc.builder().build().evaluate(model, images, maps, null);
            assertArrayEquals(new double[] {sigmoid(10), sigmoid(5), sigmoid(0)}, byRow.curves()[0], 1e-6,
                    "default step = W = 2 pixels per step");
        }
    }

    @Test
    void insertionStartsFromTheBlurredImage() {
        // a 1×1 image: blur multiplies by the centre tap k1[5]² (zero padding elsewhere)
        float[][][] weights = {{{2}, {0}}};
        try (StubModels.Linear model = new StubModels.Linear(weights); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(new float[] {1.5f}, new Shape(1, 1, 1, 1));
            CurveResult r = InsertionAuc.builder().build().evaluate(model, images, new float[][][] {{{1f}}}, null);
            double centre = RiseBlur.k1()[5];
            assertArrayEquals(new double[] {sigmoid(3 * centre * centre), sigmoid(3)}, r.curves()[0], 1e-6,
                    "insertion: blur(x) then x");
        }
    }

    @Test
    void blurMatchesDirectTwoDimensionalConvolutionWithZeroPadding() {
        int h = 7, w = 9;
        float[] image = new float[2 * h * w];
        Random random = new Random(3);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        float[] out = new float[image.length];
        RiseBlur.blur(image, 0, 2, h, w, out, 0);
        double[] k = RiseBlur.k1();
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int dy = -5; dy <= 5; dy++) {
                        for (int dx = -5; dx <= 5; dx++) {
                            int yy = y + dy, xx = x + dx;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                acc += k[dy + 5] * k[dx + 5] * image[(c * h + yy) * w + xx];
                            }
                        }
                    }
                    assertEquals(acc, out[(c * h + y) * w + x], 1e-5, "blur at c=" + c + " y=" + y + " x=" + x);
                }
            }
        }
    }

    @Test
    void batchedCurvesEqualPerImageCurves() {
        Random random = new Random(7);
        float[][][] weights = {{randomRow(random, 27), randomRow(random, 27), randomRow(random, 27)}};
        try (StubModels.Linear model = new StubModels.Linear(weights); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(3, 3, 3, 3));
            float[][][] maps = randomMaps(3, 3, 3, 11);
            int[] targets = {2, 0, 1};
            for (CausalMetric.ClassMode mode : CausalMetric.ClassMode.values()) {
                for (CausalMetric batched : new CausalMetric[] {
                    DeletionAuc.builder().optForwardBatch(5).optClassMode(mode).build(),
                    InsertionAuc.builder().optForwardBatch(5).optClassMode(mode).build()
                }) {
                    CurveResult all = batched.evaluate(model, images, maps, targets);
                    for (int i = 0; i < 3; i++) {
                        try (NDArray one = images.get(i + ":" + (i + 1))) {
                            CurveResult single = batched.evaluate(model, one, new float[][][] {maps[i]}, new int[] {targets[i]});
                            assertArrayEquals(single.curves()[0], all.curves()[i], 1e-6,
                                    all.result().metric() + " " + mode + " image " + i + ": batch equals single");
                        }
                    }
                    if (mode == CausalMetric.ClassMode.TARGET) {
                        assertArrayEquals(targets, all.classes(), "TARGET mode follows the supplied targets");
                    }
                }
            }
        }
    }

    private static float[] randomRow(Random random, int n) {
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            row[i] = (float) random.nextGaussian();
        }
        return row;
    }

    static float[][][] randomMaps(int b, int h, int w, long seed) {
        Random random = new Random(seed);
        float[][][] maps = new float[b][h][w];
        for (float[][] map : maps) {
            for (float[] row : map) {
                for (int x = 0; x < w; x++) {
                    row[x] = random.nextFloat();
                }
            }
        }
        return maps;
    }
}
