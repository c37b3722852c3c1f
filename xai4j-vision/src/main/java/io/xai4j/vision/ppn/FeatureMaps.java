package io.xai4j.vision.ppn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.xai4j.vision.model.ImageClassifier;
import io.xai4j.vision.model.Layer;
import io.xai4j.vision.model.Relu;
import io.xai4j.vision.model.Sequential;

/**
 * A batch's feature maps X (N = h·w cells × D channels, cell-major, float32 in Java memory) at the black box's feature
 * layer, plus its logits from the unchanged black-box forward pass; refuses negative features (docs/methods/posthoc-ppn.md#requirement-on-the-black-box).
 *
 * @param cells [B][N·D], cell j's channels at j·D
 * @param logits [B][C] of {@code model.logits}, or null when not asked for (a second backbone pass saved)
 */
record FeatureMaps(float[][] cells, int height, int width, int dim, float[][] logits) {

    static FeatureMaps of(ImageClassifier model, NDArray images) {
        return of(model, images, true);
    }

    /** As {@link #of(ImageClassifier, NDArray)}; with {@code withLogits} false, without the black-box pass for the logits. */
    static FeatureMaps of(ImageClassifier model, NDArray images, boolean withLogits) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray a = model.features(images);
            Shape s = a.getShape();
            if (s.dimension() != 4) {
                throw new IllegalArgumentException("layer '" + model.featureLayer() + "' returns " + s + ", expected [B,D,h,w] feature maps");
            }
            int b = (int) s.get(0), d = (int) s.get(1), h = (int) s.get(2), w = (int) s.get(3);
            float[] flat = a.transpose(0, 2, 3, 1).toFloatArray();
            float[][] cells = new float[b][];
            int per = h * w * d;
            for (int i = 0; i < b; i++) {
                cells[i] = java.util.Arrays.copyOfRange(flat, i * per, (i + 1) * per);
                for (float x : cells[i]) {
                    if (x < 0 || Float.isNaN(x)) {
                        throw new UnsupportedOperationException("layer '" + model.featureLayer() + "' has a feature value " + x
                                + ": post-hoc prototypes need non-negative (post-ReLU) features before global average pooling");
                    }
                }
            }
            float[][] logits = withLogits ? io.xai4j.core.runtime.Tensors.toArray2(model.logits(images)) : null;
            return new FeatureMaps(cells, h, w, d, logits);
        }
    }

    /**
     * Refuses a built-in CNN whose feature layer does not end in a ReLU (its features can be negative), naming the
     * layer; opaque models (TorchScript) are checked on their actual values by {@link #of}.
     */
    static void requireNonNegativeLayer(ImageClassifier model) {
        if (model.structure().isEmpty()) {
            return;
        }
        Sequential net = model.structure().get();
        Layer last = net.children().get(net.indexOf(model.featureLayer()));
        while (last instanceof Sequential s && !s.children().isEmpty()) {
            last = s.children().get(s.children().size() - 1);
        }
        if (!(last instanceof Relu)) {
            throw new UnsupportedOperationException("layer '" + model.featureLayer() + "' ends in " + last.kind()
                    + ", so its features can be negative: post-hoc prototypes need a ReLU before global average pooling");
        }
    }

    int size() {
        return cells.length;
    }

    int cellCount() {
        return height * width;
    }

    /** H = X pᵀ of image b (N values, row-major over the h×w grid). */
    double[] heatmap(int b, float[] p) {
        float[] x = cells[b];
        int n = cellCount();
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            int o = j * dim;
            for (int c = 0; c < dim; c++) {
                s += (double) x[o + c] * p[c];
            }
            out[j] = s;
        }
        return out;
    }

    /** contrib = mean_j (X pᵀ)_j = GAP(X)·p. */
    double contribution(int b, float[] p) {
        double s = 0;
        for (double v : heatmap(b, p)) {
            s += v;
        }
        return s / cellCount();
    }

    /** X vᵀ for a float64 direction (N values). */
    double[] heatmap(int b, double[] p) {
        float[] x = cells[b];
        int n = cellCount();
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            int o = j * dim;
            for (int c = 0; c < dim; c++) {
                s += x[o + c] * p[c];
            }
            out[j] = s;
        }
        return out;
    }
}
