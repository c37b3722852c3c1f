package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.xai4j.core.model.Classifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Occlusion fidelity for images, the project's generalisation (docs/methods/image-metrics.md#occlusion-fidelity) of the graph fidelity of
 * Pope et al. (<i>Explainability Methods for Graph Convolutional Neural Networks</i>, CVPR 2019): the
 * explanation S = {map &gt; τ} (τ = 0.5) or the top ⌈k·H·W⌉ pixels (ties by ascending index) is set
 * to 0 in model-input space (all channels), x′. Per image the value is Δp = P(t|x) − P(t|x′); over the
 * batch, accuracy(x) − accuracy(x′). Higher is better: removing the explanation should hurt.
 */
public final class OcclusionFidelity {

    private final double threshold;
    private final double topK;
    private final int forwardBatch;
    private final ScoreFunction scoreFunction;

    private OcclusionFidelity(Builder builder) {
        this.threshold = builder.threshold;
        this.topK = builder.topK;
        this.forwardBatch = builder.forwardBatch;
        this.scoreFunction = builder.scoreFunction;
    }

    /** Defaults: S = {map &gt; 0.5}, forwardBatch 64, softmax. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Occludes each image's explanation and scores both versions.
     *
     * @param images [B,C,H,W] in model-input space
     * @param maps [B][H][W] normalised maps (the explainer's {@code maps})
     * @param targets the explained class of each image, whose probability drop is reported
     * @param labels true labels for the accuracy drop; null → accuracy against {@code targets}
     */
    public OcclusionFidelityResult evaluate(
            Classifier model, NDArray images, float[][][] maps, int[] targets, int[] labels) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("expected images [B,C,H,W], got shape " + shape);
        }
        int b = (int) shape.get(0), channels = (int) shape.get(1), h = (int) shape.get(2), w = (int) shape.get(3);
        MetricInputs.checkMaps("maps", maps, b, h, w);
        MetricInputs.checkTargets(targets, b, model.numClasses());
        int[] truth = labels == null ? targets : labels;
        MetricInputs.checkTargets(truth, b, model.numClasses());
        int plane = h * w, chw = channels * plane;
        float[] x = ModelScores.toJava(images);
        boolean[][] occluded = new boolean[b][];
        for (int i = 0; i < b; i++) {
            occluded[i] = explanation(maps[i], w);
        }
        double[] original = new double[b], after = new double[b];
        boolean[] correct = new boolean[b], correctAfter = new boolean[b];
        // jobs 0..B−1: originals; B..2B−1: occluded copies
        ModelScores.score(model, images.getManager(), new Shape(channels, h, w), 2 * b, forwardBatch, scoreFunction,
                (job, buffer, offset) -> {
                    int i = job % b;
                    System.arraycopy(x, i * chw, buffer, offset, chw);
                    if (job >= b) {
                        for (int p = 0; p < plane; p++) {
                            if (occluded[i][p]) {
                                for (int c = 0; c < channels; c++) {
                                    buffer[offset + c * plane + p] = 0f;
                                }
                            }
                        }
                    }
                },
                (job, logits, probabilities) -> {
                    int i = job % b;
                    boolean right = ModelScores.top1(logits) == truth[i];
                    if (job < b) {
                        original[i] = probabilities[targets[i]];
                        correct[i] = right;
                    } else {
                        after[i] = probabilities[targets[i]];
                        correctAfter[i] = right;
                    }
                });
        double[] drop = new double[b];
        int hits = 0, hitsAfter = 0;
        for (int i = 0; i < b; i++) {
            drop[i] = original[i] - after[i];
            hits += correct[i] ? 1 : 0;
            hitsAfter += correctAfter[i] ? 1 : 0;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (topK > 0) {
            params.put("topK", topK);
        } else {
            params.put("threshold", threshold);
        }
        params.put("scoreFunction", scoreFunction.name().toLowerCase());
        params.put("accuracyAgainst", labels == null ? "targets" : "labels");
        MetricResult result = MetricResult.of("occlusion_fidelity", drop, Direction.HIGHER, Category.FAITHFULNESS, params);
        double accuracy = (double) hits / b, occludedAccuracy = (double) hitsAfter / b;
        return new OcclusionFidelityResult(result, accuracy, occludedAccuracy, accuracy - occludedAccuracy);
    }

    /** Row-major flags of the pixels in S. */
    private boolean[] explanation(float[][] map, int w) {
        float[] flat = Ranks.flatten(map);
        boolean[] s = new boolean[flat.length];
        if (topK > 0) {
            int[] order = Ranks.argsortDescending(flat);
            int count = LocalisationIoU.topCount(topK, flat.length);
            for (int r = 0; r < count; r++) {
                s[order[r]] = true;
            }
        } else {
            for (int p = 0; p < flat.length; p++) {
                s[p] = flat[p] > threshold;
            }
        }
        return s;
    }

    /** Options, DJL style. */
    public static final class Builder {
        private double threshold = 0.5;
        private double topK;
        private int forwardBatch = 64;
        private ScoreFunction scoreFunction = ScoreFunction.SOFTMAX;

        private Builder() {}

        /** S = {map &gt; τ} (default, τ = 0.5). */
        public Builder optThreshold(double threshold) {
            MetricInputs.checkUnitInterval("threshold", threshold);
            this.threshold = threshold;
            this.topK = 0;
            return this;
        }

        /** S = the top ⌈k·H·W⌉ pixels instead of a threshold, k ∈ (0,1]. */
        public Builder optTopK(double k) {
            if (!(k > 0 && k <= 1)) {
                throw new IllegalArgumentException("topK must lie in (0, 1], got " + k);
            }
            this.topK = k;
            return this;
        }

        /** Images per forward pass (default 64). */
        public Builder optForwardBatch(int forwardBatch) {
            MetricInputs.checkPositive("forwardBatch", forwardBatch);
            this.forwardBatch = forwardBatch;
            return this;
        }

        /** Softmax (default) or sigmoid for multi-label models. */
        public Builder optScoreFunction(ScoreFunction scoreFunction) {
            this.scoreFunction = java.util.Objects.requireNonNull(scoreFunction, "scoreFunction");
            return this;
        }

        public OcclusionFidelity build() {
            return new OcclusionFidelity(this);
        }
    }
}
