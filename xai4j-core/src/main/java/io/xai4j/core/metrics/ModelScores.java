package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import io.xai4j.core.runtime.Tensors;

/**
 * Batched forward passes over many perturbed inputs (docs/methods/image-metrics.md#conventions). Inputs are written
 * into a Java buffer, one chunk of at most {@code forwardBatch} samples at a time, and every native
 * array of a chunk lives in a sub-manager closed with the chunk, so native memory stays flat however
 * many perturbations a metric needs.
 */
final class ModelScores {

    /** Writes perturbed input {@code job} ([C,H,W] row-major) into {@code buffer} at {@code offset}. */
    @FunctionalInterface
    interface InputWriter {
        void write(int job, float[] buffer, int offset);
    }

    /** Receives the logits and probabilities of input {@code job}; the arrays may be kept. */
    @FunctionalInterface
    interface ScoreConsumer {
        void accept(int job, float[] logits, float[] probabilities);
    }

    private ModelScores() {}

    /**
     * Scores {@code jobs} inputs of shape {@code sampleShape} ([C,H,W]) in chunks of {@code forwardBatch}.
     *
     * @param parent the manager whose device the inputs are created on (usually the images' manager)
     */
    static void score(
            Classifier model,
            NDManager parent,
            Shape sampleShape,
            int jobs,
            int forwardBatch,
            ScoreFunction scoreFunction,
            InputWriter writer,
            ScoreConsumer consumer) {
        int sampleSize = Math.toIntExact(sampleShape.size());
        for (int start = 0; start < jobs; start += forwardBatch) {
            int count = Math.min(forwardBatch, jobs - start);
            float[] buffer = new float[count * sampleSize];
            for (int j = 0; j < count; j++) {
                writer.write(start + j, buffer, j * sampleSize);
            }
            float[][] logits;
            try (NDManager chunk = parent.newSubManager(); NDScope scope = new NDScope()) {
                NDArray input = chunk.create(buffer, new Shape(count).addAll(sampleShape));
                logits = Tensors.toArray2(model.logits(input));
            }
            for (int j = 0; j < count; j++) {
                consumer.accept(start + j, logits[j], scoreFunction.apply(logits[j]));
            }
        }
    }

    /** Index of the largest logit, ties to the lower class index. */
    static int top1(float[] logits) {
        int best = 0;
        for (int c = 1; c < logits.length; c++) {
            if (logits[c] > logits[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The images [B,C,H,W] as one row-major float array in Java memory. */
    static float[] toJava(NDArray images) {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected images [B,C,H,W], got shape " + images.getShape());
        }
        try (NDScope scope = new NDScope()) {
            return images.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }
}
