package io.xai4j.vision.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.xai4j.core.runtime.Tensors;
import io.xai4j.vision.model.ImageClassifier;

/**
 * Slow, independent pieces for checking layer-CAM methods on tiny models: activations in double, the gradient of
 * a class score with respect to every activation by central finite differences (no autograd), and a map
 * comparison that refuses to pass on an all-zero map.
 */
final class CamReference {

    private CamReference() {}

    /** A[k][i][j] of image 0 at {@code layer}. */
    static double[][][] activations(ImageClassifier model, NDArray image, String layer) {
        NDArray a = model.forwardTo(image, layer);
        long[] s = a.getShape().getShape();
        int k = (int) s[1], h = (int) s[2], w = (int) s[3];
        float[] f = a.toFloatArray();
        double[][][] out = new double[k][h][w];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    out[c][i][j] = f[(c * h + i) * w + j];
                }
            }
        }
        return out;
    }

    /** ∂y_target/∂A[k][i][j] of image 0 by central differences of the head above {@code layer}. */
    static double[][][] gradients(ImageClassifier model, NDArray image, String layer, int target) {
        NDManager m = image.getManager();
        NDArray a = model.forwardTo(image, layer);
        long[] s = a.getShape().getShape();
        int k = (int) s[1], h = (int) s[2], w = (int) s[3];
        double eps = 1e-2;
        double[][][] g = new double[k][h][w];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int idx = (c * h + i) * w + j;
                    float[] plus = a.toFloatArray(), minus = a.toFloatArray();
                    plus[idx] += (float) eps;
                    minus[idx] -= (float) eps;
                    double yp = Tensors.toArray2(model.forwardFromForGradient(m.create(plus, a.getShape()), layer))[0][target];
                    double ym = Tensors.toArray2(model.forwardFromForGradient(m.create(minus, a.getShape()), layer))[0][target];
                    g[c][i][j] = (yp - ym) / (2 * eps);
                }
            }
        }
        return g;
    }

    /** ReLU(Σ_k w[k]·A[k]). */
    static double[][] weightedSum(double[] w, double[][][] a) {
        int h = a[0].length, wd = a[0][0].length;
        double[][] out = new double[h][wd];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < wd; j++) {
                double v = 0;
                for (int c = 0; c < w.length; c++) {
                    v += w[c] * a[c][i][j];
                }
                out[i][j] = Math.max(0, v);
            }
        }
        return out;
    }

    /**
     * Compares the expected map with {@code actual}; returns how many cells were clearly positive, so that callers
     * can fail a comparison of zeros with zeros.
     */
    static int assertMapClose(double[][] expected, float[][] actual, double tolerance, String what) {
        int positive = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tolerance * (1 + Math.abs(expected[i][j])), what + " at (" + i + "," + j + ")");
                positive += expected[i][j] > 1e-3 ? 1 : 0;
            }
        }
        return positive;
    }

    static void assertNotVacuous(int positive, int atLeast) {
        assertTrue(positive >= atLeast, "test is vacuous: only " + positive + " cells with a positive expected value");
    }
}
