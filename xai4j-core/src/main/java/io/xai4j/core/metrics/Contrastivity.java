package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.model.Classifier;
import io.xai4j.core.runtime.Tensors;
import java.util.Map;

/**
 * Contrastivity and sparsity (Pope et al., <i>Explainability Methods for Graph Convolutional Neural
 * Networks</i>, CVPR 2019), docs/methods/image-metrics.md#contrastivity-and-sparsity, generalised from graph nodes to pixels. For a class pair
 * (two-class models: (0,1); otherwise (predicted, runner-up)) the two maps are divided by their common
 * maximum and binarised at τ (images: 0.5; graphs use 0.01), b_c = {m_c / max &gt; τ}. With H the
 * Hamming distance, U = |b₀ ∨ b₁|, n_c = |b_c| and N pixels:
 * contrastivity_union = H/U (U = 0 → 0), contrastivity_nodes = H/N, sparsity_union = 1 − U/N,
 * sparsity_classavg = 1 − (n₀ + n₁)/(2N). All four are emitted; tables show the union forms. A pair of
 * maps with no positive value binarises to nothing.
 */
public final class Contrastivity {

    private final double threshold;

    /** τ = 0.5, the image default. */
    public Contrastivity() {
        this(0.5);
    }

    /** @param threshold τ in [0,1] applied after the joint max normalisation */
    public Contrastivity(double threshold) {
        MetricInputs.checkUnitInterval("threshold", threshold);
        this.threshold = threshold;
    }

    /**
     * Compares the maps of the two classes of each sample.
     *
     * @param first [B][H][W] maps of the first class of each pair (un-normalised: raw upsampled)
     * @param second [B][H][W] maps of the second class, same scale as {@code first}
     */
    public ContrastivityResult evaluate(float[][][] first, float[][][] second) {
        int[] hw = MetricInputs.checkMaps("first", first);
        MetricInputs.checkMaps("second", second, first.length, hw[0], hw[1]);
        int b = first.length;
        double n = (double) hw[0] * hw[1];
        double[] cUnion = new double[b], cNodes = new double[b], sUnion = new double[b], sClass = new double[b];
        for (int i = 0; i < b; i++) {
            double max = Math.max(max(first[i]), max(second[i]));
            int hamming = 0, union = 0, n0 = 0, n1 = 0;
            for (int y = 0; y < hw[0]; y++) {
                for (int x = 0; x < hw[1]; x++) {
                    boolean b0 = max > 0 && first[i][y][x] / max > threshold;
                    boolean b1 = max > 0 && second[i][y][x] / max > threshold;
                    hamming += b0 != b1 ? 1 : 0;
                    union += b0 || b1 ? 1 : 0;
                    n0 += b0 ? 1 : 0;
                    n1 += b1 ? 1 : 0;
                }
            }
            cUnion[i] = union == 0 ? 0 : (double) hamming / union;
            cNodes[i] = hamming / n;
            sUnion[i] = 1 - union / n;
            sClass[i] = 1 - (n0 + n1) / (2 * n);
        }
        Map<String, Object> params = Map.of("threshold", threshold);
        return new ContrastivityResult(
                MetricResult.of("contrastivity_union", cUnion, Direction.HIGHER, Category.COMPLEXITY, params),
                MetricResult.of("contrastivity_nodes", cNodes, Direction.HIGHER, Category.COMPLEXITY, params),
                MetricResult.of("sparsity_union", sUnion, Direction.HIGHER, Category.COMPLEXITY, params),
                MetricResult.of("sparsity_classavg", sClass, Direction.HIGHER, Category.COMPLEXITY, params),
                null);
    }

    /**
     * Chooses each image's class pair, explains both classes and compares their raw maps upsampled to
     * image resolution (the joint normalisation needs the common scale, which the per-map min–max
     * normalised {@code maps} have lost).
     *
     * @param images [B,C,H,W] in model-input space
     */
    public ContrastivityResult evaluate(Explainer explainer, Classifier model, NDArray images) {
        int[][] pairs = classPairs(model, images);
        int b = pairs.length, h = (int) images.getShape().get(2), w = (int) images.getShape().get(3);
        int[] firstClasses = new int[b], secondClasses = new int[b];
        for (int i = 0; i < b; i++) {
            firstClasses[i] = pairs[i][0];
            secondClasses[i] = pairs[i][1];
        }
        float[][][] first = explainer.explain(images, firstClasses).rawAtResolution(h, w);
        float[][][] second = explainer.explain(images, secondClasses).rawAtResolution(h, w);
        ContrastivityResult r = evaluate(first, second);
        return new ContrastivityResult(
                r.contrastivityUnion(), r.contrastivityNodes(), r.sparsityUnion(), r.sparsityClassAverage(), pairs);
    }

    /** Pope et al.'s class pair per image: (0,1) for two classes, else (top-1, runner-up); ties to the lower index. */
    public static int[][] classPairs(Classifier model, NDArray images) {
        int b = (int) images.getShape().get(0);
        int[][] pairs = new int[b][];
        if (model.numClasses() == 2) {
            for (int i = 0; i < b; i++) {
                pairs[i] = new int[] {0, 1};
            }
            return pairs;
        }
        float[][] logits;
        try (NDScope scope = new NDScope()) {
            logits = Tensors.toArray2(model.logits(images));
        }
        for (int i = 0; i < b; i++) {
            int best = -1, second = -1;
            for (int c = 0; c < logits[i].length; c++) {
                if (best < 0 || logits[i][c] > logits[i][best]) {
                    second = best;
                    best = c;
                } else if (second < 0 || logits[i][c] > logits[i][second]) {
                    second = c;
                }
            }
            pairs[i] = new int[] {best, second};
        }
        return pairs;
    }

    private static double max(float[][] map) {
        double max = Double.NEGATIVE_INFINITY;
        for (float[] row : map) {
            for (float v : row) {
                max = Math.max(max, v);
            }
        }
        return max;
    }
}
