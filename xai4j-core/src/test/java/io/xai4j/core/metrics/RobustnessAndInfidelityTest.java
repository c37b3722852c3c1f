package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Explainer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustnessAndInfidelityTest {

    /** φ over a 2×2 plane; the linear model uses it for both input channels: f_0(x) = Σ_c Σ_p φ_p x[c,p]. */
    private static final float[] PHI = {1, -2, 0.5f, 3};

    private static StubModels.Linear channelSharedModel() {
        float[] row = new float[8];
        for (int c = 0; c < 2; c++) {
            System.arraycopy(PHI, 0, row, c * 4, 4);
        }
        return new StubModels.Linear(new float[][][] {{row, new float[8]}});
    }

    private static float[][][] phiMaps(int b, float scale) {
        float[][][] maps = new float[b][2][2];
        for (int i = 0; i < b; i++) {
            for (int p = 0; p < 4; p++) {
                maps[i][p / 2][p % 2] = scale * PHI[p];
            }
        }
        return maps;
    }

    @Test
    void infidelityMatchesCaptumFormulaOnFixedPerturbations() {
        // perturbation j of sample i: I[e] = (e − 3 + j − i)/4, exact in float, so Δf = Σ φ·I exactly
        Perturbation fixed = (sample, draw, generator, out) -> {
            for (int e = 0; e < out.length; e++) {
                out[e] = (e - 3 + draw - sample) / 4f;
            }
        };
        float[][][] maps = {{{0.5f, 1}, {-1, 2}}, {{0, 0}, {0, 1}}};
        try (StubModels.Linear model = channelSharedModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(new float[] {1, 2, 3, 4, 0, -1, 1, 2, 2, 2, 2, 2, 1, 0, 1, 0}, new Shape(2, 2, 2, 2));
            for (boolean normalize : new boolean[] {false, true}) {
                MetricResult r = Infidelity.builder().optSamples(3).optNormalize(normalize)
                        .optPerturbation(fixed, "fixed").build().evaluate(model, images, maps, new int[] {0, 0});
                for (int i = 0; i < 2; i++) {
                    double[] dot = new double[3], delta = new double[3];
                    for (int j = 0; j < 3; j++) {
                        for (int e = 0; e < 8; e++) {
                            double noise = (e - 3 + j - i) / 4.0;
                            dot[j] += noise * maps[i][(e % 4) / 2][e % 2];
                            delta[j] += noise * PHI[e % 4];
                        }
                    }
                    // Captum: normalize → β = Σ dot·Δ / Σ dot², INFD = mean (β·dot − Δ)²
                    double a = 0, cross = 0;
                    for (int j = 0; j < 3; j++) {
                        a += dot[j] * dot[j];
                        cross += dot[j] * delta[j];
                    }
                    double beta = normalize ? cross / a : 1, expected = 0;
                    for (int j = 0; j < 3; j++) {
                        expected += Math.pow(beta * dot[j] - delta[j], 2) / 3;
                    }
                    assertEquals(expected, r.values()[i], 1e-5 * Math.max(1, expected),
                            "normalize=" + normalize + " sample " + i);
                }
            }
        }
    }

    @Test
    void infidelityDefaultsAndScouterPresetArePinned() {
        // docs/methods/image-metrics.md#infidelity: Captum defaults n = 10, normalize = false, I ~ N(0, 0.003²), seed 0, target logit;
        // preset scouter: σ = 0.2, n = 50
        try (StubModels.Linear model = channelSharedModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(3, 2, 2, 2));
            int[] targets = {0, 0, 0};
            MetricResult captum = Infidelity.builder().build().evaluate(model, images, phiMaps(3, 0), targets);
            assertEquals(java.util.Map.of("samples", 10, "normalize", false, "perturbation", "gaussian(0.003)", "seed", 0L, "output", "logit"),
                    captum.params());
            MetricResult scouter = Infidelity.scouter().build().evaluate(model, images, phiMaps(3, 0), targets);
            assertEquals(50, scouter.params().get("samples"));
            assertEquals("gaussian(0.2)", scouter.params().get("perturbation"));
            // With Φ = 0, INFD = mean_j (w·I_j)², expected σ²‖w‖² (‖w‖² = 2·Σφ² = 28.5): the scale pins σ
            // (a σ ten times larger or smaller moves it 100×).
            for (int i = 0; i < 3; i++) {
                double expectedCaptum = 0.003 * 0.003 * 28.5, expectedScouter = 0.2 * 0.2 * 28.5;
                assertTrue(captum.values()[i] > 0.15 * expectedCaptum && captum.values()[i] < 3 * expectedCaptum, "Captum σ: " + captum.values()[i]);
                assertTrue(scouter.values()[i] > 0.5 * expectedScouter && scouter.values()[i] < 1.7 * expectedScouter,
                        "SCOUTER σ, 50 samples: " + scouter.values()[i]);
            }
        }
    }

    @Test
    void infidelityOfTheExactLinearAttributionVanishes() {
        try (StubModels.Linear model = channelSharedModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(3, 2, 2, 2));
            int[] targets = {0, 0, 0};
            Infidelity plain = Infidelity.builder().build();
            MetricResult exact = plain.evaluate(model, images, phiMaps(3, 1), targets);
            for (double v : exact.values()) {
                assertEquals(0, v, 1e-10, "Φ = ∂f/∂x of a linear model explains every perturbation");
            }
            MetricResult none = plain.evaluate(model, images, phiMaps(3, 0), targets);
            MetricResult triple = plain.evaluate(model, images, phiMaps(3, 3), targets);
            MetricResult tripleNormalised = Infidelity.builder().optNormalize(true).build()
                    .evaluate(model, images, phiMaps(3, 3), targets);
            for (int i = 0; i < 3; i++) {
                assertTrue(none.values()[i] > 0, "Φ = 0 leaves mean Δf² unexplained");
                assertEquals(4 * none.values()[i], triple.values()[i], 1e-3 * none.values()[i], "(3−1)² · mean Δf²");
                assertEquals(0, tripleNormalised.values()[i], 1e-10, "β = 1/3 undoes the scale");
            }
            MetricResult zeroNormalised = Infidelity.builder().optNormalize(true).build()
                    .evaluate(model, images, phiMaps(3, 0), targets);
            assertArrayEquals(none.values(), zeroNormalised.values(), 1e-15, "Σ(IᵀΦ)² = 0 → β = 0");
        }
    }

    @Test
    void infidelityIsSeededPerSampleIndependentOfBatching() {
        try (StubModels.Linear model = channelSharedModel(); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(3, 2, 2, 2));
            float[][][] maps = CausalMetricTest.randomMaps(3, 2, 2, 9);
            int[] targets = {0, 1, 0};
            Infidelity metric = Infidelity.builder().optForwardBatch(4).build();
            double[] batch = metric.evaluate(model, images, maps, targets).values();
            assertArrayEquals(batch, metric.evaluate(model, images, maps, targets).values(), 0, "same seed, same values");
            for (int i = 0; i < 3; i++) {
                try (NDArray one = images.get(i + ":" + (i + 1))) {
                    double single = Infidelity.builder().build()
                            .evaluate(model, one, new float[][][] {maps[i]}, new int[] {targets[i]}, i).values()[0];
                    // float32 forwards at batch 4 and batch 1 may take different BLAS paths (≈1e-6 relative
                    // per logit, squared differences amplify it); another perturbation draw differs by O(1).
                    assertEquals(batch[i], single, 1e-4 * Math.max(batch[i], 1e-6), "sample " + i + " alone");
                }
            }
            double[] reseeded = Infidelity.builder().optSeed(1).build().evaluate(model, images, maps, targets).values();
            assertNotEquals(batch[0], reseeded[0], "another seed draws other perturbations");
        }
    }

    /** Φ = scale · Σ_c x (signed), a map that moves exactly with the input. */
    private static Explainer inputSum(float scale) {
        return new TestExplainers.Fixed("inputsum") {
            @Override
            float value(float[] x, int target, int c, int p, int plane, int offset) {
                return scale * x[offset + c * plane + p];
            }
        };
    }

    private static Explainer constantMap() {
        return new TestExplainers.Fixed("constant") {
            @Override
            float value(float[] x, int target, int c, int p, int plane, int offset) {
                return 1;
            }
        };
    }

    /** max_j ‖δ_j‖ / ‖x‖ for one-channel images, drawing δ as the spec says (U[−r,r], generator seed + index). */
    private static double expectedSensitivity(float[] x, long index, int samples, double radius) {
        Random generator = new Random(index);
        double norm = 0;
        for (float v : x) {
            norm += (double) v * v;
        }
        double best = 0;
        for (int j = 0; j < samples; j++) {
            double diff = 0;
            for (float v : x) {
                float moved = v + (float) ((2 * generator.nextDouble() - 1) * radius);
                diff += Math.pow(moved - v, 2);
            }
            best = Math.max(best, Math.sqrt(diff) / (norm == 0 ? 1 : Math.sqrt(norm)));
        }
        return best;
    }

    @Test
    void maxSensitivityIsLargestRelativeFrobeniusChange() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = {1, 2, 3, 4, 0, 0, 0, 0};
            NDArray images = m.create(x, new Shape(2, 1, 2, 2));
            MetricResult r = MaxSensitivity.builder().build().evaluate(inputSum(1), images, new int[] {0, 0});
            assertEquals(expectedSensitivity(new float[] {1, 2, 3, 4}, 0, 10, 0.02), r.values()[0], 1e-6,
                    "‖δ‖/‖x‖ maximised over 10 draws");
            assertEquals(expectedSensitivity(new float[4], 1, 10, 0.02), r.values()[1], 1e-6,
                    "‖Φ(x)‖ = 0 → divide by 1");
            MetricResult scaled = MaxSensitivity.builder().build().evaluate(inputSum(5), images, new int[] {0, 0});
            assertEquals(r.values()[0], scaled.values()[0], 1e-6, "scale-free for a non-zero map");
            MetricResult constant = MaxSensitivity.builder().build().evaluate(constantMap(), images, new int[] {0, 0});
            assertArrayEquals(new double[] {0, 0}, constant.values(), 0, "a map that ignores the input never moves");
        }
    }

    @Test
    void maxSensitivityOfOneSampleDoesNotDependOnItsBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(3, 2, 3, 3));
            MaxSensitivity metric = MaxSensitivity.builder().optSeed(5).build();
            double[] batch = metric.evaluate(inputSum(1), images, null).values();
            for (int i = 0; i < 3; i++) {
                try (NDArray one = images.get(i + ":" + (i + 1))) {
                    assertEquals(batch[i], metric.evaluate(inputSum(1), one, null, i).values()[0], 1e-9, "sample " + i);
                }
            }
        }
    }
}
