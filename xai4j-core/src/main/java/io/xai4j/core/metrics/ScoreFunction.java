package io.xai4j.core.metrics;

/** How class scores become probabilities inside model-based metrics (docs/methods/image-metrics.md#conventions). */
public enum ScoreFunction {
    /** softmax over the logits: single-label classifiers (default). */
    SOFTMAX,
    /** element-wise sigmoid: multi-label classifiers. */
    SIGMOID;

    /** Probabilities of one row of logits, computed in double precision. */
    float[] apply(float[] logits) {
        if (this == SOFTMAX) {
            return io.xai4j.core.runtime.Tensors.softmax(new float[][] {logits})[0];
        }
        float[] out = new float[logits.length];
        for (int c = 0; c < logits.length; c++) {
            out[c] = (float) (1 / (1 + Math.exp(-logits[c])));
        }
        return out;
    }
}
