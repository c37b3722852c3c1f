package io.xai4j.vision.ppn;

import ai.djl.ndarray.NDArray;
import io.xai4j.vision.model.ImageClassifier;

/**
 * Every logit of a batch split into prototype contributions (docs/methods/posthoc-ppn.md#explanations): contrib_{c,i} = GAP(X)·p̃_{c,i},
 * beside the logits of the unchanged black-box forward pass, so that exactness can be checked.
 *
 * @param logits [B][C] of the black box
 * @param contributions [B][C][k'] per class and prototype
 * @param bias b_c
 * @param heatmaps per image, class and prototype: H = X p̃ᵀ as an h×w map ([B][C][k'][h][w])
 */
public record Decomposition(float[][] logits, double[][][] contributions, float[] bias, float[][][][][] heatmaps) {

    /** Decomposes a batch [B,3,H,W] in model-input space. */
    public static Decomposition of(ImageClassifier model, PostHocPrototypes prototypes, NDArray images) {
        return of(FeatureMaps.of(model, images), prototypes);
    }

    static Decomposition of(FeatureMaps f, PostHocPrototypes prototypes) {
        int b = f.size(), classes = prototypes.classes().size();
        if (f.dim() != prototypes.featureDim()) {
            throw new IllegalArgumentException("the model has " + f.dim() + " feature channels, the prototypes " + prototypes.featureDim());
        }
        double[][][] contrib = new double[b][classes][];
        float[][][][][] maps = new float[b][classes][][][];
        for (int n = 0; n < b; n++) {
            for (int c = 0; c < classes; c++) {
                ClassPrototypes cp = prototypes.classes().get(c);
                contrib[n][c] = new double[cp.size()];
                maps[n][c] = new float[cp.size()][][];
                for (int i = 0; i < cp.size(); i++) {
                    double[] h = f.heatmap(n, cp.prototypes()[i]);
                    double s = 0;
                    float[][] grid = new float[f.height()][f.width()];
                    for (int j = 0; j < h.length; j++) {
                        s += h[j];
                        grid[j / f.width()][j % f.width()] = (float) h[j];
                    }
                    contrib[n][c][i] = s / h.length;
                    maps[n][c][i] = grid;
                }
            }
        }
        return new Decomposition(f.logits(), contrib, prototypes.bias(), maps);
    }

    /** Number of images. */
    public int size() {
        return logits.length;
    }

    /** bias + Σ contributions of class c on image n. */
    public double reconstructed(int n, int c) {
        double s = bias[c];
        for (double v : contributions[n][c]) {
            s += v;
        }
        return s;
    }

    /** |Σ contrib + b − logit| / max(1, |logit|) of class c on image n (docs/methods/posthoc-ppn.md#exactness asks for ≤ 1e-4). */
    public double relativeError(int n, int c) {
        return Math.abs(reconstructed(n, c) - logits[n][c]) / Math.max(1, Math.abs(logits[n][c]));
    }
}
