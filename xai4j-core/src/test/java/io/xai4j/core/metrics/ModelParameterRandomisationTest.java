package io.xai4j.core.metrics;

import io.xai4j.core.explain.Targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelParameterRandomisationTest {

    private static StubModels.Linear twoLayerModel() {
        Random random = new Random(1);
        float[][][] weights = {new float[6][16], new float[3][6]};
        for (float[][] layer : weights) {
            for (float[] row : layer) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) random.nextGaussian();
                }
            }
        }
        return new StubModels.Linear(weights);
    }

    @Test
    void modelIsRestoredBitIdenticallyAfterTheCascade() {
        try (StubModels.Linear model = twoLayerModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(2, 1, 4, 4));
            float[] fc1 = model.weights("fc1"), fc2 = model.weights("fc2");
            float[] logits = model.logits(images).toFloatArray();
            RandomisationResult r = new ModelParameterRandomisation()
                    .evaluate(model, TestExplainers.gradientTimesInput(model), images, null);
            assertEquals(List.of("fc2", "fc1"), r.layers(), "top-down: logits layer first");
            assertArrayEquals(fc1, model.weights("fc1"), "fc1 restored bit-identically");
            assertArrayEquals(fc2, model.weights("fc2"), "fc2 restored bit-identically");
            assertArrayEquals(logits, model.logits(images).toFloatArray(), "logits bit-identical after restore");
        }
    }

    private static double[] absFlat(float[][] map) {
        double[] out = new double[map.length * map[0].length];
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[0].length; x++) {
                out[y * map[0].length + x] = Math.abs(map[y][x]);
            }
        }
        return out;
    }

    @Test
    void curveIsTheCascadeWithSeeds42And43ReplayedStepByStep() {
        // docs/methods/image-metrics.md#model-parameter-randomisation: top-down cascade (fc2 with seed 42, then fc1 with seed 43 while fc2 stays random), Spearman of
        // |maps|, targets of the original model. A non-cascading variant (restoring fc2 before fc1) fails step 2.
        try (StubModels.Linear model = twoLayerModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(3, 1, 4, 4));
            Explainer explainer = TestExplainers.gradientTimesInput(model);
            RandomisationResult r = new ModelParameterRandomisation().evaluate(model, explainer, images, null);
            Attribution original = explainer.explain(images, Targets.top1());
            double[][] expected = new double[3][2];
            try (var snapshot = model.snapshot()) {
                model.randomizeLayer("fc2", 42);
                Attribution step1 = explainer.explain(images, original.targets());
                model.randomizeLayer("fc1", 43);
                Attribution step2 = explainer.explain(images, original.targets());
                snapshot.restore();
                for (int i = 0; i < 3; i++) {
                    expected[i][0] = Ranks.spearman(absFlat(original.maps()[i]), absFlat(step1.maps()[i]));
                    expected[i][1] = Ranks.spearman(absFlat(original.maps()[i]), absFlat(step2.maps()[i]));
                }
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], r.curve()[i], 1e-12, "image " + i);
                assertEquals(expected[i][1], r.result().values()[i], 1e-12, "the reported value is the last step");
            }
            assertEquals((expected[0][0] + expected[1][0] + expected[2][0]) / 3, r.meanPerLayer()[0], 1e-12);
        }
    }

    @Test
    void explainerIgnoringParametersStaysPerfectlySimilar() {
        try (StubModels.Linear model = twoLayerModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(2, 1, 4, 4));
            RandomisationResult r = new ModelParameterRandomisation()
                    .evaluate(model, TestExplainers.inputMagnitude(), images, new int[] {0, 1});
            for (double[] row : r.curve()) {
                assertArrayEquals(new double[] {1, 1}, row, 1e-12, "Σ|x| does not depend on the weights");
            }
            assertEquals(1.0, r.result().mean(), 1e-12);
            assertArrayEquals(new int[] {0, 1}, r.targets());
        }
    }

    @Test
    void gradientTimesInputLosesSimilarityAndFixesTheOriginalTargets() {
        try (StubModels.Linear model = twoLayerModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(3, 1, 4, 4));
            Explainer explainer = TestExplainers.gradientTimesInput(model);
            int[] top1 = explainer.explain(images, Targets.top1()).targets();
            RandomisationResult r = new ModelParameterRandomisation().evaluate(model, explainer, images, null);
            assertArrayEquals(top1, r.targets(), "targets fixed from the original model");
            assertEquals(2, r.meanPerLayer().length);
            assertTrue(r.result().mean() < 0.9, "maps must change when all weights are random, got " + r.result().mean());
            for (double[] row : r.curve()) {
                for (double v : row) {
                    assertTrue(v < 1 - 1e-6, "each step changes the map, got similarity " + v);
                }
            }
        }
    }

    @Test
    void constantMapGivesUndefinedSimilarity() {
        try (StubModels.Linear model = twoLayerModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.ones(new Shape(1, 1, 4, 4));
            RandomisationResult r = new ModelParameterRandomisation()
                    .evaluate(model, TestExplainers.inputMagnitude(), images, new int[] {0});
            assertTrue(Double.isNaN(r.curve()[0][0]) && Double.isNaN(r.curve()[0][1]), "constant map → NaN");
            assertEquals(1, r.result().nUndefined());
        }
    }

    @Test
    void modelIsRestoredWhenTheExplainerFailsMidCascade() {
        try (StubModels.Linear model = twoLayerModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(1, 1, 4, 4));
            float[] fc2 = model.weights("fc2");
            Explainer delegate = TestExplainers.gradientTimesInput(model);
            Explainer failing = new Explainer() {
                private int calls;

                @Override
                public String name() {
                    return "failing";
                }

                @Override
                public int numClasses() {
                    return delegate.numClasses();
                }

                @Override
                public Attribution explain(NDArray x, int[] targets) {
                    if (++calls == 2) {
                        throw new IllegalStateException("explainer failed");
                    }
                    return delegate.explain(x, targets);
                }
            };
            assertThrows(IllegalStateException.class,
                    () -> new ModelParameterRandomisation().evaluate(model, failing, images, null));
            assertArrayEquals(fc2, model.weights("fc2"), "fc2 restored after the failure");
        }
    }
}
