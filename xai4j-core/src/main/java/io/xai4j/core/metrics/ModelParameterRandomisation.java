package io.xai4j.core.metrics;

import ai.djl.ndarray.NDArray;
import io.xai4j.core.explain.Attribution;
import io.xai4j.core.explain.Explainer;
import io.xai4j.core.model.ParameterRandomization;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model-parameter randomisation test, cascading (Adebayo et al., <i>Sanity Checks for Saliency
 * Maps</i>, NeurIPS 2018, arXiv 1810.03292), docs/methods/image-metrics.md#model-parameter-randomisation, with Quantus {@code MPRT} defaults
 * (top-down, absolute values, similarity = Spearman). For ℓ = 1..L the weights of the top ℓ layers
 * ({@link ParameterRandomization#layersTopDown()}, logits first) are re-drawn — layer ℓ with seed
 * {@code seed + ℓ − 1}, so layers of equal shape get different weights — and the maps are recomputed
 * for the same images and the targets of the original model. Similarity per image and step is the
 * Spearman rank correlation (average ranks for ties) of |original map| and |randomised map|, flattened;
 * a constant map gives NaN. Lower similarity after randomisation means the method depends on the
 * parameters (it passes the check). The model is always restored from a snapshot, even on failure.
 */
public final class ModelParameterRandomisation {

    private static final Logger LOG = LoggerFactory.getLogger(ModelParameterRandomisation.class);

    private final long seed;

    /** Seed 42 (Quantus). */
    public ModelParameterRandomisation() {
        this(42);
    }

    public ModelParameterRandomisation(long seed) {
        this.seed = seed;
    }

    /**
     * Runs the cascade on a batch.
     *
     * @param model the model's parameters; {@code explainer} must explain this same model instance
     * @param explainer the method under test
     * @param images [B,C,H,W] in model-input space
     * @param targets explained classes, or null for the original model's top-1 (kept fixed throughout)
     */
    public RandomisationResult evaluate(ParameterRandomization model, Explainer explainer, NDArray images, int[] targets) {
        List<String> layers = List.copyOf(model.layersTopDown());
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the model lists no parameterised layers to randomise");
        }
        Attribution original = explainer.explain(images, targets);
        int[] fixedTargets = original.targets();
        int b = original.size();
        double[][] reference = new double[b][];
        for (int i = 0; i < b; i++) {
            reference[i] = absoluteFlat(original.maps()[i]);
        }
        double[][] curve = new double[b][layers.size()];
        try (ParameterRandomization.Snapshot snapshot = model.snapshot()) {
            try {
                for (int l = 0; l < layers.size(); l++) {
                    model.randomizeLayer(layers.get(l), seed + l);
                    Attribution randomised = explainer.explain(images, fixedTargets);
                    for (int i = 0; i < b; i++) {
                        curve[i][l] = Ranks.spearman(reference[i], absoluteFlat(randomised.maps()[i]));
                    }
                    LOG.debug("MPRT {}: randomised {} of {} layers (up to {})", explainer.name(), l + 1, layers.size(),
                            layers.get(l));
                }
            } finally {
                snapshot.restore();
            }
        }
        double[] last = new double[b];
        for (int i = 0; i < b; i++) {
            last[i] = curve[i][layers.size() - 1];
        }
        double[] meanPerLayer = new double[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            double[] column = new double[b];
            for (int i = 0; i < b; i++) {
                column[i] = curve[i][l];
            }
            meanPerLayer[l] = meanOfDefined(column);
        }
        Map<String, Object> params = Map.of(
                "method", explainer.name(), "seed", seed, "cascading", true, "similarity", "spearman_abs",
                "layers", layers.size());
        MetricResult result = MetricResult.of("mprt_spearman", last, Direction.LOWER, Category.RANDOMISATION, params);
        return new RandomisationResult(result, layers, curve, meanPerLayer, fixedTargets);
    }

    private static double meanOfDefined(double[] values) {
        return java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static double[] absoluteFlat(float[][] map) {
        int w = map[0].length;
        double[] flat = new double[map.length * w];
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < w; x++) {
                flat[y * w + x] = Math.abs(map[y][x]);
            }
        }
        return flat;
    }
}
