package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

/** Grad-CAM++ against explicit loops over finite-difference gradients. */
class GradCamPlusPlusTest extends TinyNetFixture {

    @Test
    void mapMatchesExplicitLoopsOverFiniteDifferenceGradients() {
        String layer = "res";
        int positive = 0;
        for (long seed : new long[] {11, 12}) {
            NDArray x = TinyNets.images(manager, 1, seed);
            double[][][] a = CamReference.activations(model, x, layer);
            for (int target = 0; target < 3; target++) {
                double[][][] g = CamReference.gradients(model, x, layer, target);
                double[] w = new double[a.length];
                for (int k = 0; k < a.length; k++) {
                    double sumA = 0;
                    for (double[] row : a[k]) {
                        for (double v : row) {
                            sumA += v;
                        }
                    }
                    for (int i = 0; i < a[k].length; i++) {
                        for (int j = 0; j < a[k][0].length; j++) {
                            double gg = g[k][i][j];
                            if (Math.abs(gg) < 1e-9) {
                                continue;
                            }
                            double alpha = gg * gg / (2 * gg * gg + sumA * gg * gg * gg + 1e-6);
                            w[k] += alpha * Math.max(0, gg);
                        }
                    }
                }
                float[][] actual = new GradCamPlusPlus(model, layer).explain(x, new int[] {target}).raw()[0];
                positive += CamReference.assertMapClose(CamReference.weightedSum(w, a), actual, 5e-3,
                        "Grad-CAM++ class " + target + " image seed " + seed);
            }
        }
        CamReference.assertNotVacuous(positive, 10);
    }
}
