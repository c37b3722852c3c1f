package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

/** XGrad-CAM against explicit loops over finite-difference gradients. */
class XGradCamTest extends TinyNetFixture {

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
                    double num = 0, den = 0;
                    for (int i = 0; i < a[k].length; i++) {
                        for (int j = 0; j < a[k][0].length; j++) {
                            num += a[k][i][j] * g[k][i][j];
                            den += a[k][i][j];
                        }
                    }
                    w[k] = num / (den + 1e-7);
                }
                float[][] actual = new XGradCam(model, layer).explain(x, new int[] {target}).raw()[0];
                positive += CamReference.assertMapClose(CamReference.weightedSum(w, a), actual, 5e-3,
                        "XGrad-CAM class " + target + " image seed " + seed);
            }
        }
        CamReference.assertNotVacuous(positive, 10);
    }
}
