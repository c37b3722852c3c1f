package io.xai4j.vision.pipnet;

import ai.djl.ndarray.NDManager;
import io.xai4j.vision.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The prototype-model metrics of docs/methods/pipnet.md#metrics on one image set (p̂ clamped
 * presences, W⁺ = relu(W)).
 *
 * @param images number of images
 * @param accuracy top-1, abstentions counted as errors (docs/methods/pipnet.md#deviations-from-the-official-code); NaN for unlabelled (ood) sets
 * @param globalSize #{d : max_c W[c,d] &gt; 1e-3}
 * @param localSizeAll mean over images of #{d : ∃c p̂_d·W⁺[c,d] &gt; 1e-3}
 * @param localSizePredicted mean over images of #{d : p̂_d·W⁺[ŷ,d] &gt; 1e-3} (0 for abstaining images)
 * @param sparsity #{(c,d) : W[c,d] ≤ 1e-3} / (K·D), as a fraction
 * @param abstained number of images with max o = 0
 * @param activePrototypes mean #{d : p̂_d &gt; 1e-3} per image (diagnostic)
 */
public record PipNetMetrics(
        int images, double accuracy, int globalSize, double localSizeAll, double localSizePredicted, double sparsity, int abstained,
        double activePrototypes) {

    /** Share of abstaining images. */
    public double abstentionRate() {
        return images == 0 ? Double.NaN : (double) abstained / images;
    }

    /** Predictions of a whole set, in order, in inference mode (the model is not changed). */
    public static Prediction predictAll(PipNet model, ImageDataset data, int batchSize) {
        List<Prediction> parts = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int from = 0; from < data.size(); from += batchSize) {
                int to = Math.min(data.size(), from + batchSize);
                try (NDManager sub = m.newSubManager()) {
                    parts.add(model.predict(PipNetInputs.batch(sub, data, IntStream.range(from, to).toArray(), model)));
                }
            }
        }
        int n = data.size();
        float[][] p = new float[n][], o = new float[n][], up = new float[n][], uo = new float[n][];
        int[] pred = new int[n];
        boolean[] abst = new boolean[n];
        int i = 0;
        for (Prediction part : parts) {
            for (int b = 0; b < part.size(); b++, i++) {
                p[i] = part.presence()[b];
                o[i] = part.scores()[b];
                up[i] = part.unclampedPresence()[b];
                uo[i] = part.unclampedScores()[b];
                pred[i] = part.predicted()[b];
                abst[i] = part.abstained()[b];
            }
        }
        return new Prediction(p, o, pred, abst, up, uo);
    }

    /**
     * Computes the metrics from a model's weights and its predictions on a set.
     *
     * @param labels true labels, or null (ood)
     */
    public static PipNetMetrics compute(float[][] weights, Prediction prediction, int[] labels) {
        int k = weights.length, d = weights[0].length, n = prediction.size();
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " predictions");
        }
        if (n > 0 && prediction.presence()[0].length != d) {
            throw new IllegalArgumentException("the weights have " + d + " prototypes but the presences " + prediction.presence()[0].length);
        }
        int global = 0, zero = 0;
        for (int j = 0; j < d; j++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, weights[c][j]);
                zero += weights[c][j] <= PipNet.RELEVANCE_THRESHOLD ? 1 : 0;
            }
            global += max > PipNet.RELEVANCE_THRESHOLD ? 1 : 0;
        }
        double localAll = 0, localPred = 0, active = 0;
        int correct = 0, abstained = 0;
        for (int i = 0; i < n; i++) {
            float[] p = prediction.presence()[i];
            int y = prediction.predicted()[i];
            for (int j = 0; j < d; j++) {
                boolean any = false;
                for (int c = 0; c < k; c++) {
                    any |= p[j] * Math.max(0f, weights[c][j]) > PipNet.RELEVANCE_THRESHOLD;
                }
                localAll += any ? 1 : 0;
                localPred += y >= 0 && p[j] * Math.max(0f, weights[y][j]) > PipNet.RELEVANCE_THRESHOLD ? 1 : 0;
                active += p[j] > PipNet.RELEVANCE_THRESHOLD ? 1 : 0;
            }
            abstained += prediction.abstained()[i] ? 1 : 0;
            correct += labels != null && y == labels[i] && y >= 0 ? 1 : 0;
        }
        double accuracy = labels == null ? Double.NaN : (double) correct / n;
        return new PipNetMetrics(n, accuracy, global, localAll / n, localPred / n, (double) zero / (k * d), abstained, active / n);
    }
}
