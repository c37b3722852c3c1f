package io.xai4j.vision.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

/**
 * Eigen-CAM against the first principal component found by power iteration on the channel covariance (no SVD), with
 * the sign convention Σ M·v₁ ≥ 0; and class-agnosticism.
 */
class EigenCamTest extends TinyNetFixture {

    @Test
    void mapIsTheProjectionOnTheFirstPrincipalComponent() {
        int positive = 0;
        for (String layer : new String[] {"p1", "res", "c2"}) {
            for (long seed : new long[] {41, 42}) {
                NDArray x = TinyNets.images(manager, 1, seed);
                double[][][] a = CamReference.activations(model, x, layer);
                int k = a.length, h = a[0].length, w = a[0][0].length, n = h * w;
                double[] mean = new double[k];
                for (int c = 0; c < k; c++) {
                    for (int p = 0; p < n; p++) {
                        mean[c] += a[c][p / w][p % w] / n;
                    }
                }
                double[][] cov = new double[k][k];
                for (int c = 0; c < k; c++) {
                    for (int d = 0; d < k; d++) {
                        for (int p = 0; p < n; p++) {
                            cov[c][d] += (a[c][p / w][p % w] - mean[c]) * (a[d][p / w][p % w] - mean[d]);
                        }
                    }
                }
                double[] v = new double[k];
                java.util.Arrays.fill(v, 1.0);
                for (int it = 0; it < 2000; it++) {
                    double[] next = new double[k];
                    double norm = 0;
                    for (int c = 0; c < k; c++) {
                        for (int d = 0; d < k; d++) {
                            next[c] += cov[c][d] * v[d];
                        }
                        norm += next[c] * next[c];
                    }
                    norm = Math.sqrt(norm);
                    for (int c = 0; c < k; c++) {
                        v[c] = next[c] / norm;
                    }
                }
                double[][] expected = new double[h][w];
                double sum = 0;
                for (int p = 0; p < n; p++) {
                    for (int c = 0; c < k; c++) {
                        expected[p / w][p % w] += a[c][p / w][p % w] * v[c];
                    }
                    sum += expected[p / w][p % w];
                }
                for (int p = 0; p < n; p++) {
                    expected[p / w][p % w] = Math.max(0, Math.signum(sum) * expected[p / w][p % w]);
                }
                float[][] actual = new EigenCam(model, layer).explain(x, new int[] {0}).raw()[0];
                positive += CamReference.assertMapClose(expected, actual, 1e-3, "Eigen-CAM at " + layer + ", image seed " + seed);
            }
        }
        CamReference.assertNotVacuous(positive, 10);
    }

    @Test
    void mapDoesNotDependOnTheTarget() {
        NDArray x = TinyNets.images(manager, 1, 43);
        EigenCam e = new EigenCam(model, "res");
        float[][] a = e.explain(x, new int[] {0}).raw()[0], b = e.explain(x, new int[] {2}).raw()[0];
        boolean any = false;
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f);
            for (float f : a[i]) {
                any |= f > 0;
            }
        }
        assertTrue(any, "all-zero map");
    }
}
