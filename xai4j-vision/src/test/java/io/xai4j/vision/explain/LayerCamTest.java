package io.xai4j.vision.explain;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

/** LayerCAM against explicit loops over finite-difference gradients, at a shallow and a deep layer. */
class LayerCamTest extends TinyNetFixture {

    @Test
    void mapMatchesExplicitLoopsOverFiniteDifferenceGradients() {
        int positive = 0;
        for (String layer : new String[] {"p1", "res"}) {
            NDArray x = TinyNets.images(manager, 1, 11);
            double[][][] a = CamReference.activations(model, x, layer);
            for (int target = 0; target < 3; target++) {
                double[][][] g = CamReference.gradients(model, x, layer, target);
                int h = a[0].length, w = a[0][0].length;
                double[][] expected = new double[h][w];
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double v = 0;
                        for (int k = 0; k < a.length; k++) {
                            v += Math.max(0, g[k][i][j]) * a[k][i][j];
                        }
                        expected[i][j] = Math.max(0, v);
                    }
                }
                float[][] actual = new LayerCam(model, layer).explain(x, new int[] {target}).raw()[0];
                positive += CamReference.assertMapClose(expected, actual, 5e-3, "LayerCAM at " + layer + ", class " + target);
            }
        }
        CamReference.assertNotVacuous(positive, 10);
    }
}
