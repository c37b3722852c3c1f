package io.xai4j.vision.ppn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** docs/methods/posthoc-ppn.md#exactness: the NMF and Nelder–Mead unit tests. */
class NmfAndSimplexTest {

    @Test
    void nmfErrorIsNonIncreasingOnRandomData() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 300, d = 24;
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble();
        }
        Nmf.Result r = Nmf.fit(v, n, d, 4, 5, 150, 0, 1); // error after every single update, no early stop
        assertEquals(151, r.errors().length);
        for (int i = 1; i < r.errors().length; i++) {
            assertTrue(r.errors()[i] <= r.errors()[i - 1] * (1 + 1e-12), "error rose at step " + i + ": " + r.errors()[i - 1] + " → " + r.errors()[i]);
        }
        // the closed-form error equals the explicit ||V − EP||_F
        double explicit = 0;
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < d; j++) {
                double ep = 0;
                for (int i = 0; i < 4; i++) {
                    ep += r.e()[row * 4 + i] * r.p()[i][j];
                }
                explicit += (v[row * d + j] - ep) * (v[row * d + j] - ep);
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        assertEquals(Math.sqrt(explicit / norm), r.relativeError(), 1e-9);
    }

    @Test
    void plantedRankThreeFactorisationIsRecoveredUpToPermutationAndScale() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 400, d = 18, k = 3;
        double[][] p0 = new double[k][d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                p0[i][j] = j / 6 == i ? 0.5 + rng.nextDouble() : 0; // disjoint supports: identifiable up to permutation and scale
            }
        }
        double[] v = new double[n * d];
        for (int row = 0; row < n; row++) {
            double[] e = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < k; i++) {
                    v[row * d + j] += e[i] * p0[i][j];
                }
            }
        }
        Nmf.Result r = Nmf.fit(v, n, d, k, 0, 20000, 0); // multiplicative updates converge slowly near the zeros of P
        assertTrue(r.relativeError() < 1e-3, "relative error " + r.relativeError());
        boolean[] used = new boolean[k];
        for (int i = 0; i < k; i++) {
            int best = -1;
            double bestCos = -1;
            for (int l = 0; l < k; l++) {
                double dot = 0, n0 = 0;
                for (int j = 0; j < d; j++) {
                    dot += p0[i][j] * r.p()[l][j];
                    n0 += p0[i][j] * p0[i][j];
                }
                double cos = dot / Math.sqrt(n0); // fitted rows have unit norm
                if (cos > bestCos) {
                    bestCos = cos;
                    best = l;
                }
            }
            assertFalse(used[best], "two planted components matched fitted row " + best);
            used[best] = true;
            assertTrue(bestCos > 0.999, "planted component " + i + " best cosine " + bestCos);
        }
    }

    @Test
    void nelderMeadFindsTheMinimumOfAConvexFunctionOnTheSimplex() {
        double[] target = {0.5, 0.3, 0.15, 0.05};
        SimplexWeights.Result r = SimplexWeights.minimise(4, b -> {
            double s = 0;
            for (int i = 0; i < b.length; i++) {
                s += (b[i] - target[i]) * (b[i] - target[i]);
            }
            return s;
        });
        assertArrayEquals(target, r.beta(), 2e-3);
        assertEquals(1.0, java.util.Arrays.stream(r.beta()).sum(), 1e-12);
        assertTrue(r.converged(), "stopped at the iteration cap");
    }

    @Test
    void oneComponentGetsTheWholeResidual() {
        assertArrayEquals(new double[] {1}, SimplexWeights.minimise(1, b -> 0).beta());
    }

    @Test
    void exactSumClosesInFloat32() {
        double[][] rows = {{1e3 + 0.1, -2.5}, {-1e3 + 0.3, 7.25}, {0, 0}};
        double[] v = {0.123456789, 4.75};
        float[][] p = ExactSum.close(rows, v);
        for (int d = 0; d < 2; d++) {
            assertEquals(v[d], (double) p[0][d] + p[1][d] + p[2][d], 1e-6);
        }
    }
}
