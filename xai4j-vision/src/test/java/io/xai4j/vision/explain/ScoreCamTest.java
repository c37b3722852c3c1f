package io.xai4j.vision.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import io.xai4j.core.runtime.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Score-CAM against a slow reference: its own bilinear upsampling (half-pixel centres, edge clamp), min–max
 * normalisation, one masked image per forward pass and a softmax in double; and channel batching that does not
 * change the map.
 */
class ScoreCamTest extends TinyNetFixture {

    @Test
    void mapMatchesOneMaskedImagePerForwardPass() {
        int positive = 0;
        for (String layer : new String[] {"res", "c2"}) {
            NDArray x = TinyNets.images(manager, 1, 21);
            double[][][] a = CamReference.activations(model, x, layer);
            int size = TinyNets.SIZE;
            float[] pixels = x.toFloatArray();
            for (int target = 0; target < 3; target++) {
                double[] w = new double[a.length];
                for (int k = 0; k < a.length; k++) {
                    double[][] up = upsample(a[k], size, size);
                    double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
                    for (double[] row : up) {
                        for (double v : row) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                    if (max == min) {
                        continue;
                    }
                    float[] masked = pixels.clone();
                    for (int c = 0; c < TinyNets.IN; c++) {
                        for (int i = 0; i < size; i++) {
                            for (int j = 0; j < size; j++) {
                                masked[(c * size + i) * size + j] *= (float) ((up[i][j] - min) / (max - min));
                            }
                        }
                    }
                    float[] logits = Tensors.toArray2(model.logits(manager.create(masked, x.getShape())))[0];
                    double z = 0;
                    for (float l : logits) {
                        z += Math.exp(l);
                    }
                    w[k] = Math.exp(logits[target]) / z;
                }
                float[][] actual = new ScoreCam(model, layer, 2).explain(x, new int[] {target}).raw()[0];
                positive += CamReference.assertMapClose(CamReference.weightedSum(w, a), actual, 1e-4, "Score-CAM at " + layer + ", class " + target);
            }
        }
        CamReference.assertNotVacuous(positive, 10);
    }

    @Test
    void channelBatchSizeDoesNotChangeTheMap() {
        NDArray x = TinyNets.images(manager, 2, 22);
        float[][][] one = new ScoreCam(model, "res", 1).explain(x, new int[] {1, 2}).raw();
        float[][][] all = new ScoreCam(model, "res", 64).explain(x, new int[] {1, 2}).raw();
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < one[b].length; i++) {
                for (int j = 0; j < one[b][0].length; j++) {
                    assertEquals(one[b][i][j], all[b][i][j], 1e-5 * (1 + Math.abs(one[b][i][j])));
                }
            }
        }
    }

    /** Bilinear resize with half-pixel centres and edge clamping (PyTorch's align_corners=False). */
    private static double[][] upsample(double[][] src, int h, int w) {
        int sh = src.length, sw = src[0].length;
        double[][] out = new double[h][w];
        for (int i = 0; i < h; i++) {
            double y = Math.max(0, (i + 0.5) * sh / h - 0.5);
            int y0 = Math.min((int) Math.floor(y), sh - 1), y1 = Math.min(y0 + 1, sh - 1);
            double fy = y - y0;
            for (int j = 0; j < w; j++) {
                double xx = Math.max(0, (j + 0.5) * sw / w - 0.5);
                int x0 = Math.min((int) Math.floor(xx), sw - 1), x1 = Math.min(x0 + 1, sw - 1);
                double fx = xx - x0;
                out[i][j] = (1 - fy) * ((1 - fx) * src[y0][x0] + fx * src[y0][x1]) + fy * ((1 - fx) * src[y1][x0] + fx * src[y1][x1]);
            }
        }
        return out;
    }
}
