package io.xai4j.core.metrics;

import java.util.List;

/**
 * The cascading model-parameter randomisation test on a batch (docs/methods/image-metrics.md#model-parameter-randomisation).
 *
 * @param result per image the similarity after randomising every layer (the last value of the curve)
 * @param layers the randomised layers, top-down; step ℓ has randomised layers 0..ℓ
 * @param curve [B][L] Spearman similarity to the original map after each step (NaN: constant map)
 * @param meanPerLayer [L] mean of each step over images with a defined value
 * @param targets the fixed classes explained at every step
 */
public record RandomisationResult(
        MetricResult result, List<String> layers, double[][] curve, double[] meanPerLayer, int[] targets) {}
