package io.xai4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.explain.Explainer;
import org.junit.jupiter.api.Test;

class ContrastivityTest {

    @Test
    void allFourVariantsOnJointlyNormalisedMaps() {
        // common max 4: first → (1, 0, .5, .25) → b0 = {0} (0.5 is not > τ); second → (0, 1, .75, .25) → b1 = {1,2}
        float[][] first = {{4, 0}, {2, 1}};
        float[][] second = {{0, 4}, {3, 1}};
        // overlap: b0 = {0,1}, b1 = {0}
        float[][] overlapFirst = {{2, 2}, {0, 0}};
        float[][] overlapSecond = {{2, 0}, {0, 0}};
        float[][] zero = new float[2][2];
        ContrastivityResult r = new Contrastivity().evaluate(
                new float[][][] {first, overlapFirst, zero}, new float[][][] {second, overlapSecond, zero});
        assertArrayEquals(new double[] {1, 0.5, 0}, r.contrastivityUnion().values(), 1e-12, "H/U, U = 0 → 0");
        assertArrayEquals(new double[] {0.75, 0.25, 0}, r.contrastivityNodes().values(), 1e-12, "H/N");
        assertArrayEquals(new double[] {0.25, 0.5, 1}, r.sparsityUnion().values(), 1e-12, "1 − U/N");
        assertArrayEquals(new double[] {0.625, 0.625, 1}, r.sparsityClassAverage().values(), 1e-12, "1 − (n0+n1)/2N");
    }

    @Test
    void classPairIsTopTwoOrZeroOneForBinaryModels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.zeros(new Shape(2, 1, 2, 2));
            assertArrayEquals(new int[][] {{1, 2}, {1, 2}}, Contrastivity.classPairs(StubModels.constant(1, 3, 2, 2), images),
                    "predicted then runner-up, ties to the lower index");
            assertArrayEquals(new int[][] {{0, 1}, {0, 1}}, Contrastivity.classPairs(StubModels.constant(5, 1), images),
                    "two classes: (0, 1)");
        }
    }

    @Test
    void explainerOverloadComparesRawMapsOfTheClassPair() {
        float[][][] weights = {{{1, -2, 3, 0}, {-1, 2, 1, 1}, {0, 1, -1, 2}}};
        try (StubModels.Linear model = new StubModels.Linear(weights); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(new float[] {1, 2, 3, 4, 2, 1, 0, 3}, new Shape(2, 1, 2, 2));
            Explainer explainer = TestExplainers.gradientTimesInput(model);
            ContrastivityResult r = new Contrastivity().evaluate(explainer, model, images);
            // logits image 0: (6, 10, 7) → pair (1, 2); image 1: (0, 3, 7) → pair (2, 1); maps = W[t] ⊙ x
            assertArrayEquals(new int[][] {{1, 2}, {2, 1}}, r.classPairs());
            float[][][] first = {{{-1, 4}, {3, 4}}, {{0, 1}, {0, 6}}};
            float[][][] second = {{{0, 2}, {-3, 8}}, {{-2, 2}, {0, 3}}};
            ContrastivityResult expected = new Contrastivity().evaluate(first, second);
            assertArrayEquals(new double[] {1, 1}, r.contrastivityUnion().values(), 1e-12,
                    "one pixel above τ after joint normalisation, in one class only");
            assertArrayEquals(expected.contrastivityUnion().values(), r.contrastivityUnion().values(), 1e-12);
            assertArrayEquals(expected.sparsityClassAverage().values(), r.sparsityClassAverage().values(), 1e-12);
        }
    }
}
