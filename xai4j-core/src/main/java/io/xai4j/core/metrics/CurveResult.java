package io.xai4j.core.metrics;

/**
 * A curve metric's result (deletion / insertion, docs/methods/image-metrics.md#deletion-and-insertion-auc).
 *
 * @param result AUC per image with mean, direction and parameters
 * @param curves [B][n+1] class probability after k = 0..n steps
 * @param classes the class each curve follows (top-1 on the original image, or the target)
 */
public record CurveResult(MetricResult result, double[][] curves, int[] classes) {}
